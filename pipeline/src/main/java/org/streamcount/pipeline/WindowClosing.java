package org.streamcount.pipeline;

/**
 * What closes a window of event time. Both judge time by the records' own timestamps; they differ
 * in how the job learns that no earlier record is still on its way.
 */
public enum WindowClosing {
  /**
   * Beam's watermark, through an event-time timer per key ({@link WatermarkClosedTotalsFn}): for
   * runners that deliver bundles in any order and have event-time timers (the DirectRunner).
   */
  WATERMARK,
  /**
   * The latest record timestamp of the firings before ({@link RunningTotalsFn}): for runners that
   * count micro-batches one after the other and have no event-time timers in streaming (Beam 2.70's
   * SparkRunner refuses them).
   */
  STREAM_TIME
}
