package org.streamcount.replayer;

/** The replayer's exit codes, shared with the pipeline's where the meaning is the same. */
final class ExitCodes {
  /** At least one message was not delivered. */
  static final int NOT_DELIVERED = 1;

  /** Wrong command line (picocli's own code for usage errors). */
  static final int USAGE = 2;

  /** No broker answered, or it refused us, within --timeout. */
  static final int KAFKA_UNAVAILABLE = 3;

  /** A missing or unreadable file, a malformed CSV row. */
  static final int BAD_INPUT = 4;

  private ExitCodes() {}
}
