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
      names = "--timestamp-prefix",
      description =
          "Each line starts with its event time (ISO-8601, '2019-10-01 09:00:00' or epoch milliseconds): "
              + "it becomes the record's Kafka timestamp and is stripped from the message, with one space or tab after it.")
  boolean timestampPrefix;

  @Option(
      names = "--timezone",
      defaultValue = "UTC",
      paramLabel = "ZONE",
      description =
          "The zone of --timestamp-prefix times that carry no offset (default: ${DEFAULT-VALUE}).")
  String timezone;

  @Option(
      names = "--speedup",
      paramLabel = "N",
      description =
          "Pace by the lines' own times (--timestamp-prefix): the recorded gaps divided by N (1 = as recorded), instead of --rate.")
  Double speedup;

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
    if (speedup != null && !timestampPrefix) {
      throw new ReplayException(
          ExitCode.USAGE, "--speedup paces by the lines' own times: it needs --timestamp-prefix");
    }
    if (speedup != null && rate > 0) {
      throw new ReplayException(ExitCode.USAGE, "--speedup and --rate both pace: choose one");
    }
    LineTimePrefix prefix =
        timestampPrefix ? new LineTimePrefix(new EventTimeFormat(null, timezone)) : null;
    EventTimePacing pacing = speedup == null ? null : new EventTimePacing(speedup);
    // Files are read once before anything is sent: the count for the progress line, and every
    // line's time, so that a bad one in the last file does not leave half a replay behind.
    Scan scan = stdin ? new Scan(-1, null) : scanLines(prefix);
    long total = stdin ? -1 : scan.lines() * repeat;

    PrintWriter err = spec.commandLine().getErr();
    Progress progress = new Progress(err, kafka.topic, total);
    try (Delivery delivery =
        Delivery.open(
            kafka, progress, quiet ? null : spec.commandLine().getOut(), err, scan.oldest())) {
      // Paced from here: the wait for the broker must not become a burst of lines over --rate.
      long started = System.nanoTime();
      for (int round = 0; round < repeat; round++) {
        for (String input : inputs) {
          try (ByteLines lines = new ByteLines(open(input))) {
            byte[] line;
            long number = 0;
            while ((line = lines.next()) != null) {
              number++;
              if (prefix == null) {
                pace(progress.messages(), started);
                delivery.send(null, line, null);
                continue;
              }
              LineTimePrefix.Stamped stamped = prefix.split(line, where(input, number));
              if (pacing != null) {
                pacing.awaitDue(stamped.millis());
              }
              pace(progress.messages(), started);
              delivery.send(null, stamped.message(), null, stamped.millis());
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

  /**
   * @param oldest the oldest event time of a line (epoch millis), or null
   */
  private record Scan(long lines, Long oldest) {}

  /** The files' lines counted, each line's time checked when it has one. */
  private Scan scanLines(LineTimePrefix prefix) throws IOException {
    long count = 0;
    long oldest = Long.MAX_VALUE;
    for (String input : inputs) {
      try (ByteLines lines = new ByteLines(open(input))) {
        long number = 0;
        byte[] line;
        while ((line = lines.next()) != null) {
          number++;
          if (prefix != null) {
            oldest = Math.min(oldest, prefix.split(line, where(input, number)).millis());
          }
        }
        count += number;
      }
    }
    return new Scan(count, oldest == Long.MAX_VALUE ? null : oldest);
  }

  private static String where(String input, long line) {
    return (input.equals(STDIN) ? "<stdin>" : input) + ":" + line;
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
