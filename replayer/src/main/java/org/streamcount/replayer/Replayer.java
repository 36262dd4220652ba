package org.streamcount.replayer;

import java.io.PrintStream;
import org.streamcount.kafka.ExitCode;
import org.streamcount.kafka.RootCause;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code replayer csv|text}: feeds Kafka the way the walkthrough did by hand (a pandas producer,
 * kafka-console-producer), with delivery checked and progress shown.
 */
@Command(
    name = "replayer",
    mixinStandardHelpOptions = true,
    version = "streamcount replayer 0.1.0",
    description = "Replays CSV rows or text lines into a Kafka topic.",
    subcommands = {CsvCommand.class, TextCommand.class})
public final class Replayer {
  static {
    // Kafka's clients log through slf4j; keep them quiet unless --verbose.
    if (System.getProperty("log4j2.configurationFile") == null) {
      System.setProperty("log4j2.configurationFile", "replayer-log4j2.properties");
    }
  }

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /** Runs one command line; returns its exit code. */
  static int run(String[] args, PrintStream out, PrintStream err) {
    CommandLine cli = new CommandLine(new Replayer());
    cli.setOut(new java.io.PrintWriter(out, true));
    cli.setErr(new java.io.PrintWriter(err, true));
    cli.setExecutionExceptionHandler(
        (e, cmd, parsed) -> {
          if (e instanceof ReplayException r) {
            err.println("replayer: " + r.getMessage());
            return r.exitCode();
          }
          err.println("replayer: " + e.getClass().getSimpleName() + ": " + RootCause.message(e));
          return ExitCode.FAILED;
        });
    cli.setParameterExceptionHandler(
        (e, a) -> {
          err.println("replayer: " + e.getMessage());
          e.getCommandLine().usage(err);
          return ExitCode.USAGE;
        });
    return cli.execute(args);
  }
}
