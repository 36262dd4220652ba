package org.streamcount.replayer;

/**
 * A replay that cannot go on: the message is the one line the user reads, the code the exit code.
 */
final class ReplayException extends RuntimeException {
  private final int exitCode;

  ReplayException(int exitCode, String message) {
    super(message);
    this.exitCode = exitCode;
  }

  int exitCode() {
    return exitCode;
  }
}
