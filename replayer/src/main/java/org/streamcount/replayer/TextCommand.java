package org.streamcount.replayer;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.streamcount.kafka.ExitCode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code kafka-console-producer}: one message per line of each file, or of stdin ({@code -}). */
@Command(
    name = "text",
    mixinStandardHelpOptions = true,
    description = "Replays text lines, one message per line (- reads stdin).")
final class TextCommand implements Callable<Integer> {
  static final String STDIN = "-";

  @Spec CommandSpec spec;

  @Mixin KafkaOptions kafka;

  @Parameters(
      arity = "1..*",
      paramLabel = "FILE|-",
      description = "Text files; - reads standard input.")
  List<String> inputs;

  @Option(
      names = "--repeat",
      defaultValue = "1",
      paramLabel = "N",
      description = "Replay the files N times (default: ${DEFAULT-VALUE}).")
  int repeat;

  @Option(
      names = "--rate",
      defaultValue = "0",
      paramLabel = "LINES_PER_S",
      description =
          "Send at most this many lines per second (default: 0 = as fast as the broker takes them).")
  double rate;

  @Option(
      names = {"--quiet", "-q"},
      description = "Do not echo each message.")
  boolean quiet;

  @Override
  public Integer call() throws IOException, InterruptedException {
    if (repeat < 1) {
      throw new ReplayException(ExitCode.USAGE, "--repeat must be at least 1");
    }
    if (rate < 0) {
      throw new ReplayException(ExitCode.USAGE, "--rate must not be negative");
    }
    boolean stdin = inputs.contains(STDIN);
    if (stdin && repeat > 1) {
      throw new ReplayException(
          ExitCode.USAGE, "--repeat needs files: standard input can be read only once");
    }
    long total = stdin ? -1 : countLines() * repeat;

    PrintWriter err = spec.commandLine().getErr();
    Progress progress = new Progress(err, kafka.topic, total);
    try (Delivery delivery =
        Delivery.open(kafka, progress, quiet ? null : spec.commandLine().getOut(), err)) {
      // Paced from here: the wait for the broker must not become a burst of lines over --rate.
      long started = System.nanoTime();
      for (int round = 0; round < repeat; round++) {
        for (String input : inputs) {
          try (ByteLines lines = new ByteLines(open(input))) {
            byte[] line;
            while ((line = lines.next()) != null) {
              pace(progress.messages(), started);
              delivery.send(null, line, null);
            }
          }
        }
      }
    }
    err.println("replayer: " + progress.summary());
    return 0;
  }

  /** Keeps the average at or below --rate. */
  private void pace(long sent, long startedNanos) throws InterruptedException {
    if (rate <= 0) {
      return;
    }
    long dueNanos = startedNanos + (long) (sent / rate * 1e9);
    long wait = dueNanos - System.nanoTime();
    if (wait > 0) {
      Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
    }
  }

  private long countLines() throws IOException {
    long count = 0;
    for (String input : inputs) {
      try (ByteLines lines = new ByteLines(open(input))) {
        while (lines.next() != null) {
          count++;
        }
      }
    }
    return count;
  }

  private static InputStream open(String input) {
    if (input.equals(STDIN)) {
      return System.in;
    }
    Path path = Path.of(input);
    if (Files.isDirectory(path)) {
      throw new ReplayException(ExitCode.BAD_INPUT, input + ": is a directory, not a file");
    }
    try {
      return Files.newInputStream(path);
    } catch (NoSuchFileException e) {
      throw new ReplayException(ExitCode.BAD_INPUT, input + ": no such file");
    } catch (java.nio.file.AccessDeniedException e) {
      throw new ReplayException(ExitCode.BAD_INPUT, input + ": not readable (permission denied)");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
