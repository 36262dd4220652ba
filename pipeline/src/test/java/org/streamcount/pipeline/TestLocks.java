package org.streamcount.pipeline;

/**
 * The locks that keep ITs apart when JUnit runs two at a time (failsafe's configuration in
 * pipeline/pom.xml): {@code @ResourceLock(TestLocks.SPARK_JOBS)}.
 */
final class TestLocks {
  private TestLocks() {}

  /**
   * Held by every test that runs a Spark job (local[2], a local standalone cluster), on its class
   * when all of the class's tests do: each takes both cores of a 2-core machine, so two of them at
   * once would make both slow enough to leave the bounds their waits were written for. A
   * DirectRunner test may run beside one.
   */
  static final String SPARK_JOBS = "spark-jobs";
}
