package org.streamcount.replayer;

import java.nio.file.Path;
import java.time.DateTimeException;
import org.streamcount.kafka.ExitCode;

/**
 * The event time of a CSV row, from one of its columns: what {@code --timestamp-column} gives each
 * record as its Kafka timestamp, so that a consumer counting in event time sees the seed's 2019
 * rows in 2019, not at the moment of the replay. Read as {@link EventTimeFormat} says.
 */
final class RowTimestamps {
  private final String column;
  private final EventTimeFormat format;

  RowTimestamps(String column, EventTimeFormat format) {
    this.column = column;
    this.format = format;
  }

  /**
   * The row's time in epoch milliseconds; a value that is not a time is an error naming file:line.
   */
  long millis(Path file, CsvFile.Row row, int index) {
    String text = row.values().get(index).trim();
    try {
      return format.millis(text);
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
              + (format.hasPattern()
                  ? ""
                  : " (" + EventTimeFormat.EXPECTED + "; --timestamp-format sets a pattern)"));
    }
  }
}
