package org.streamcount.replayer;

import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import org.streamcount.kafka.ExitCode;

/**
 * The event time of a CSV row, from one of its columns: what {@code --timestamp-column} gives each
 * record as its Kafka timestamp, so that a consumer counting in event time sees the seed's 2019
 * rows in 2019, not at the moment of the replay.
 *
 * <p>Without a pattern it reads ISO-8601 with either a {@code T} or a space between date and time
 * (the seed's {@code 2019-10-01 09:00:00}), with optional fractions and offset, or epoch
 * milliseconds. A time without an offset is in the given zone.
 */
final class RowTimestamps {
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

  private final String column;
  private final DateTimeFormatter pattern;
  private final ZoneId zone;

  /**
   * @param pattern a {@link DateTimeFormatter} pattern, or null for ISO-8601 / epoch millis
   * @throws ReplayException for a pattern or zone that is not one
   */
  RowTimestamps(String column, String pattern, String zone) {
    this.column = column;
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

  /**
   * The row's time in epoch milliseconds; a value that is not a time is an error naming file:line.
   */
  long millis(Path file, CsvFile.Row row, int index) {
    String text = row.values().get(index).trim();
    try {
      return parse(text);
    } catch (DateTimeException e) {
      throw new ReplayException(
          ExitCode.BAD_INPUT,
          file
              + ":"
              + row.line()
              + ": --timestamp-column "
              + column
              + ": '"
              + text
              + "' is not a time"
              + (pattern == null
                  ? " (ISO-8601 or epoch milliseconds; --timestamp-format sets a pattern)"
                  : ""));
    }
  }

  private long parse(String text) {
    if (pattern != null) {
      return LocalDateTime.parse(text, pattern).atZone(zone).toInstant().toEpochMilli();
    }
    if (!text.isEmpty() && text.chars().allMatch(Character::isDigit)) {
      return Long.parseLong(text);
    }
    var parsed = ISO_WITH_SPACE_OR_T.parseBest(text, OffsetDateTime::from, LocalDateTime::from);
    return parsed instanceof OffsetDateTime offset
        ? offset.toInstant().toEpochMilli()
        : ((LocalDateTime) parsed).atZone(zone).toInstant().toEpochMilli();
  }
}
