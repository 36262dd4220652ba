package org.streamcount.pipeline.launch;

import java.io.IOException;
import java.time.Duration;
import org.apache.beam.sdk.PipelineResult;

/** A started pipeline: its counters, and a bounded way to stop it. */
public final class RunningJob {
  private final PipelineResult result;
  private final long startedNanos = System.nanoTime();

  RunningJob(PipelineResult result) {
    this.result = result;
  }

  public PipelineResult result() {
    return result;
  }

  public PipelineResult.State state() {
    return result.getState();
  }

  public PipelineStatus status() {
    return PipelineStatus.of(result);
  }

  public Duration uptime() {
    return Duration.ofNanos(System.nanoTime() - startedNanos);
  }

  /**
   * Waits up to {@code timeout} for the job to end by itself.
   *
   * @return the state then (RUNNING if it has not ended)
   * @throws RuntimeException the pipeline's own failure, as the runner reports it
   */
  public PipelineResult.State waitUntilFinish(Duration timeout) {
    PipelineResult.State state =
        result.waitUntilFinish(org.joda.time.Duration.millis(Math.max(1, timeout.toMillis())));
    return state == null ? PipelineResult.State.RUNNING : state;
  }

  /**
   * Cancels the job and waits for it to stop, at most {@code timeout}: a runner whose broker went
   * away first can hang in its stop (Spark's DStreamGraph.stop), and a stop must not hang. Safe to
   * call twice.
   *
   * @return true if the job stopped within the timeout
   */
  public boolean cancel(Duration timeout) {
    Thread stopper =
        new Thread(
            () -> {
              try {
                if (!state().isTerminal()) {
                  result.cancel();
                }
                result.waitUntilFinish(org.joda.time.Duration.millis(timeout.toMillis()));
              } catch (IOException | RuntimeException e) {
                // already stopping or stopped; a cancelled job may report its workers' interruption
              }
            },
            "streamcount-cancel");
    stopper.setDaemon(true);
    stopper.start();
    try {
      stopper.join(timeout.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return !stopper.isAlive();
  }
}
