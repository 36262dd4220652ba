package org.streamcount.replayer;

import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import org.streamcount.kafka.ExitCode;

/**
 * How the replayer reads an event time (a CSV column, a line's prefix) into epoch milliseconds.
 * Without a pattern: ISO-8601 with either a {@code T} or a space between date and time (the seed's
 * {@code 2019-10-01 09:00:00}), with optional fractions and offset, or epoch milliseconds. A time
 * without an offset is in the given zone.
 */
final class EventTimeFormat {
  private static final DateTimeFormatter ISO_WITH_SPACE_OR_T =
      new DateTimeFormatterBuilder()
          .append(DateTimeFormatter.ISO_LOCAL_DATE)
          .optionalStart()
          .appendLiteral('T')
          .optionalEnd()
          .optionalStart()
          .appendLiteral(' ')
          .optionalEnd()
          .append(DateTimeFormatter.ISO_LOCAL_TIME)
          .optionalStart()
          .appendOffsetId()
          .optionalEnd()
          .parseDefaulting(ChronoField.NANO_OF_SECOND, 0)
          .toFormatter();

  static final String EXPECTED = "ISO-8601 or epoch milliseconds";

  private final DateTimeFormatter pattern;
  private final ZoneId zone;

  /**
   * @param pattern a {@link DateTimeFormatter} pattern, or null for ISO-8601 / epoch millis
   * @throws ReplayException for a pattern or zone that is not one
   */
  EventTimeFormat(String pattern, String zone) {
    try {
      this.pattern = pattern == null ? null : DateTimeFormatter.ofPattern(pattern);
    } catch (IllegalArgumentException e) {
      throw new ReplayException(
          ExitCode.USAGE,
          "--timestamp-format '" + pattern + "' is not a pattern: " + e.getMessage());
    }
    try {
      this.zone = ZoneId.of(zone);
    } catch (DateTimeException e) {
      throw new ReplayException(
          ExitCode.USAGE, "--timezone '" + zone + "' is not a time zone: " + e.getMessage());
    }
  }

  boolean hasPattern() {
    return pattern != null;
  }

  /**
   * @throws DateTimeException when {@code text} is not a time
   */
  long millis(String text) {
    if (pattern != null) {
      return LocalDateTime.parse(text, pattern).atZone(zone).toInstant().toEpochMilli();
    }
    if (!text.isEmpty() && text.chars().allMatch(c -> c >= '0' && c <= '9')) {
      try {
        return Long.parseLong(text);
      } catch (NumberFormatException e) {
        throw new DateTimeException("epoch milliseconds out of range: " + text);
      }
    }
    var parsed = ISO_WITH_SPACE_OR_T.parseBest(text, OffsetDateTime::from, LocalDateTime::from);
    return parsed instanceof OffsetDateTime offset
        ? offset.toInstant().toEpochMilli()
        : ((LocalDateTime) parsed).atZone(zone).toInstant().toEpochMilli();
  }
}
