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

  /**
   * {@code @Order(TestLocks.SPARK_CLASSES_FIRST)} on a class that holds {@link #SPARK_JOBS} for all
   * its tests: the tests that must run one after the other start at once, while the DirectRunner
   * tests fill the other place, instead of being left for a tail with one test running.
   */
  static final int SPARK_CLASSES_FIRST = 1;
}
