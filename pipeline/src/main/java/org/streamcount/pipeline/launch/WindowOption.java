package org.streamcount.pipeline.launch;

import org.streamcount.pipeline.EventTimeWindows;

/** {@code --window}, for the job and for {@code bin/counts verify}. */
public final class WindowOption {
  private WindowOption() {}

  /** {@code global}, {@code fixed:<size>} or {@code sliding:<size>,<period>}. */
  public static EventTimeWindows parse(String spec) {
    String s = spec == null ? "" : spec.trim();
    if (s.equals("global")) {
      return EventTimeWindows.global();
    }
    if (s.startsWith("fixed:")) {
      return EventTimeWindows.fixed(DurationOption.parse("window", s.substring("fixed:".length())));
    }
    if (s.startsWith("sliding:") && s.indexOf(',') > 0) {
      String[] parts = s.substring("sliding:".length()).split(",", 2);
      return EventTimeWindows.sliding(
          DurationOption.parse("window", parts[0]), DurationOption.parse("window", parts[1]));
    }
    if (s.startsWith("session:")) {
      throw new IllegalArgumentException(
          "--window=session:... is not offered: a session window grows and merges until it has"
              + " ended, so no running total can be keyed by it before then; use fixed: or sliding:");
    }
    throw new IllegalArgumentException(
        "--window="
            + spec
            + ": use global, fixed:<size> (fixed:1m) or sliding:<size>,<period> (sliding:10m,1m)");
  }
}
