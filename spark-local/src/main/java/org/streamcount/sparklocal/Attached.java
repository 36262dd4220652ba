package org.streamcount.sparklocal;

import java.io.IOException;
import java.lang.reflect.Method;
import java.util.Arrays;

/**
 * {@code Attached <mainClass> <args>}: runs a Spark daemon's main in this JVM and exits when stdin
 * closes, that is when the process that started it is gone.
 */
public final class Attached {
  private Attached() {}

  public static void main(String[] args) throws Exception {
    Thread watcher =
        new Thread(
            () -> {
              try {
                while (System.in.read() >= 0) {
                  // nothing is sent; only the end of the stream matters
                }
              } catch (IOException ignored) {
                // a broken pipe means the same
              }
              System.exit(0);
            },
            "spark-local-lifeline");
    watcher.setDaemon(true);
    watcher.start();
    Method main = Class.forName(args[0]).getMethod("main", String[].class);
    main.invoke(null, (Object) Arrays.copyOfRange(args, 1, args.length));
  }
}
