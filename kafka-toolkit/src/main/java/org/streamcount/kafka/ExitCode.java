package org.streamcount.kafka;

/** The exit codes of every streamcount command: one meaning per number. */
public final class ExitCode {
  /** Done, and what was asked for holds (a verified table is exact). */
  public static final int OK = 0;

  /** The work failed: a record not delivered, a table not exact, a job that died. */
  public static final int FAILED = 1;

  /** A wrong command line or option (picocli's own code for usage errors). */
  public static final int USAGE = 2;

  /** No broker answered, or it refused the credentials, within the bounded wait. */
  public static final int KAFKA_UNAVAILABLE = 3;

  /** The input cannot be used: a missing file, a malformed row, input lines retention deleted. */
  public static final int BAD_INPUT = 4;

  /** Stopped by Ctrl-C (SIGINT), as a shell reports it. */
  public static final int INTERRUPTED = 130;

  /** Stopped by SIGTERM, as a shell reports it. */
  public static final int TERMINATED = 143;

  private ExitCode() {}
}
