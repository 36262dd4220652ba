package org.streamcount.pipeline.launch;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads durations the way users type them: {@code 250ms}, {@code 1s}, {@code 1.5s}, {@code 2m},
 * {@code 7d}, {@code PT1S}.
 */
final class DurationOption {
  private static final Pattern SHORT = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h|d)");

  private DurationOption() {}

  static Duration parse(String option, String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("--" + option + " needs a duration such as 1s or 250ms");
    }
    String v = value.trim().toLowerCase(Locale.ROOT);
    Matcher m = SHORT.matcher(v);
    if (m.matches()) {
      double amount = Double.parseDouble(m.group(1));
      double millis =
          switch (m.group(2)) {
            case "ms" -> amount;
            case "s" -> amount * 1_000;
            case "m" -> amount * 60_000;
            case "h" -> amount * 3_600_000;
            default -> amount * 86_400_000;
          };
      return Duration.ofMillis(Math.round(millis));
    }
    if (v.startsWith("-")) {
      throw new IllegalArgumentException(
          "--" + option + " must not be negative, got '" + value + "'");
    }
    try {
      Duration d = Duration.parse(value.trim());
      if (d.isNegative()) {
        throw new IllegalArgumentException(
            "--" + option + " must not be negative, got '" + value + "'");
      }
      return d;
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "--" + option + " is not a duration: '" + value + "' (use e.g. 1s, 250ms, 2m or PT1S)");
    }
  }
}
