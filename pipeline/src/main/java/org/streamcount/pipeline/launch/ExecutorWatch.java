package org.streamcount.pipeline.launch;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerExecutorAdded;
import org.apache.spark.scheduler.SparkListenerExecutorRemoved;

/**
 * Whether a Spark job on a cluster still has executors. Spark does not give up when its standalone
 * cluster goes away: the driver logs "Disconnected from Spark cluster! Waiting for reconnection..."
 * and its micro-batches queue without end, while the table stops. The supervisor asks this how long
 * the job has been without any executor and ends it after {@code --clusterOutageLimit}.
 *
 * <p>Spark creates it from {@code spark.extraListeners} ({@link #register}), so its counts are kept
 * in static fields the launch reads. A local master adds no executors: it never counts as lost.
 */
public final class ExecutorWatch extends SparkListener {
  private static final AtomicInteger LIVE = new AtomicInteger();
  private static volatile boolean everHadOne;
  private static volatile long lostSinceNanos = -1;

  /** Spark makes the instance; no state of its own. */
  public ExecutorWatch() {}

  /** Adds this listener to the ones Spark will create, keeping any the user named. */
  static void register() {
    String given = System.getProperty("spark.extraListeners");
    String ours = ExecutorWatch.class.getName();
    if (given == null || given.isBlank()) {
      System.setProperty("spark.extraListeners", ours);
    } else if (!given.contains(ours)) {
      System.setProperty("spark.extraListeners", given + "," + ours);
    }
  }

  /** How long the job has had no executor after having had one; empty while it has one. */
  static Optional<Duration> lostFor() {
    long since = lostSinceNanos;
    return everHadOne && LIVE.get() == 0 && since >= 0
        ? Optional.of(Duration.ofNanos(System.nanoTime() - since))
        : Optional.empty();
  }

  @Override
  public void onExecutorAdded(SparkListenerExecutorAdded added) {
    LIVE.incrementAndGet();
    everHadOne = true;
    lostSinceNanos = -1;
  }

  @Override
  public void onExecutorRemoved(SparkListenerExecutorRemoved removed) {
    if (LIVE.decrementAndGet() <= 0) {
      LIVE.set(0);
      lostSinceNanos = System.nanoTime();
    }
  }
}
