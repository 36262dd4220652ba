package org.streamcount.replayer;

import java.util.function.LongSupplier;

/**
 * {@code --speedup N}: each record leaves when the time between its event time and the first
 * record's, divided by N, has passed since the first record left. So a replay keeps the recorded
 * gaps, N times faster; a record whose event time is before the first one's leaves at once.
 */
final class EventTimePacing {
  /** How the pacing waits: {@code Thread::sleep} in nanoseconds, or a test's record of waits. */
  interface Sleeper {
    void sleepNanos(long nanos) throws InterruptedException;
  }

  private final double speedup;
  private final LongSupplier nanoTime;
  private final Sleeper sleeper;
  private boolean started;
  private long firstEventMillis;
  private long startedNanos;

  EventTimePacing(double speedup) {
    this(
        speedup,
        System::nanoTime,
        nanos -> Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000)));
  }

  EventTimePacing(double speedup, LongSupplier nanoTime, Sleeper sleeper) {
    if (!(speedup > 0) || Double.isInfinite(speedup)) {
      throw new ReplayException(
          org.streamcount.kafka.ExitCode.USAGE,
          "--speedup must be a positive number (1 = as recorded), not " + speedup);
    }
    this.speedup = speedup;
    this.nanoTime = nanoTime;
    this.sleeper = sleeper;
  }

  /** Waits until the record with this event time is due. */
  void awaitDue(long eventMillis) throws InterruptedException {
    if (!started) {
      started = true;
      firstEventMillis = eventMillis;
      startedNanos = nanoTime.getAsLong();
      return;
    }
    double offsetNanos = (eventMillis - firstEventMillis) * 1e6 / speedup;
    long wait = startedNanos + (long) offsetNanos - nanoTime.getAsLong();
    if (wait > 0) {
      sleeper.sleepNanos(wait);
    }
  }
}
