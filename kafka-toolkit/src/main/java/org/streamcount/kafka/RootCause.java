package org.streamcount.kafka;

/** What a user needs of a client exception: its innermost cause, in one line. */
public final class RootCause {
  private RootCause() {}

  /** The innermost cause of {@code e} ({@code e} itself when it has none). */
  public static Throwable of(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root;
  }

  /** The first line of the innermost cause's message, or its class name when it has none. */
  public static String message(Throwable e) {
    Throwable root = of(e);
    String message =
        root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    return message.split("\n", 2)[0];
  }
}
