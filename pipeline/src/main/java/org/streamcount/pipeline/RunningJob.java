package org.streamcount.pipeline;

import java.io.IOException;
import java.time.Duration;
import org.apache.beam.sdk.PipelineResult;
import org.joda.time.Instant;

/** A started pipeline: its counters, and a bounded way to stop it. */
public final class RunningJob {
  private final PipelineResult result;
  private final long startedNanos = System.nanoTime();
  private final Instant startedAt = Instant.now();

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

  Instant startedAt() {
    return startedAt;
  }

  /**
   * Waits up to {@code timeout} for the job to end by itself.
   *
   * @return the state then (RUNNING if it has not ended)
   * @throws RuntimeException the pipeline's own failure, as the runner reports it
   */
  public PipelineResult.State waitUntilFinish(Duration timeout) {
    PipelineResult.State state = result.waitUntilFinish(org.joda.time.Duration.millis(Math.max(1, timeout.toMillis())));
    return state == null ? PipelineResult.State.RUNNING : state;
  }

  /** Cancels the job and waits (bounded) for it to stop. Safe to call twice. */
  public void cancel(Duration timeout) {
    if (state().isTerminal()) {
      return;
    }
    try {
      result.cancel();
    } catch (IOException | UnsupportedOperationException | IllegalStateException e) {
      // already stopping or stopped
    }
    try {
      result.waitUntilFinish(org.joda.time.Duration.millis(timeout.toMillis()));
    } catch (RuntimeException e) {
      // a cancelled job may report the interruption of its workers; it is stopped either way
    }
  }
}
