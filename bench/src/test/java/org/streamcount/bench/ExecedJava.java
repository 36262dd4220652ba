package org.streamcount.bench;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.streamcount.kafkalocal.ProcessCommandLine;

/** The JVM a launcher script ({@code bin/streamcount}) execs into, seen from outside. */
final class ExecedJava {
  private ExecedJava() {}

  /**
   * The arguments of the java process that {@code launch} becomes, once it has become one (within
   * {@code seconds}).
   */
  static List<String> arguments(Process launch, int seconds) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (System.nanoTime() < deadline && launch.isAlive()) {
      List<String> argv = ProcessCommandLine.of(launch.pid());
      if (!argv.isEmpty() && argv.get(0).endsWith("java")) {
        return argv.subList(1, argv.size());
      }
      Thread.sleep(50);
    }
    throw new AssertionError("the launch did not become a java process within " + seconds + " s");
  }
}
