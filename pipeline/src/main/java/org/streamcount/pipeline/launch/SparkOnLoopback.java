package org.streamcount.pipeline.launch;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where an in-process Spark listens, unless the user said otherwise: its driver and block manager
 * on 127.0.0.1 (Spark's default is the machine's external address), its web UI off unless {@code
 * --sparkUi}. Set as system properties, which Spark's configuration reads when the runner creates
 * its context; {@code spark-submit} sets them from {@code spark-defaults.conf} and {@code --conf}
 * first, and those win. A job whose executors run on other hosts must name a reachable {@code
 * spark.driver.host} (see docs/usage.md).
 */
final class SparkOnLoopback {
  private static final Logger LOG = LoggerFactory.getLogger(SparkOnLoopback.class);
  static final String LOOPBACK = "127.0.0.1";

  private SparkOnLoopback() {}

  static void apply(boolean ui) {
    setUnlessGiven("spark.driver.host", LOOPBACK);
    setUnlessGiven("spark.driver.bindAddress", LOOPBACK);
    setUnlessGiven("spark.ui.enabled", Boolean.toString(ui));
    if (Boolean.parseBoolean(System.getProperty("spark.ui.enabled"))
        && System.getenv("SPARK_LOCAL_IP") == null) {
      // Spark's UI binds to SPARK_LOCAL_IP, else to every interface; the environment cannot be
      // changed from here.
      LOG.warn(
          "the Spark UI listens on every interface: set SPARK_LOCAL_IP=127.0.0.1 (bin/streamcount does)");
    }
  }

  private static void setUnlessGiven(String key, String value) {
    if (System.getProperty(key) == null) {
      System.setProperty(key, value);
    }
  }
}
