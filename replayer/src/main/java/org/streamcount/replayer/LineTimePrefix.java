package org.streamcount.replayer;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.util.Arrays;
import org.streamcount.kafka.ExitCode;

/**
 * {@code text --timestamp-prefix}: a line that starts with its event time, {@code
 * 2019-10-01T09:00:00Z door opened}, {@code 2019-10-01 09:00:00 door opened} or {@code
 * 1569920400000 door opened}, becomes a record stamped with that time whose message is the rest of
 * the line ({@code door opened}): the time and one space or tab after it are stripped, the rest
 * stays the same bytes.
 */
final class LineTimePrefix {
  private final EventTimeFormat format;

  LineTimePrefix(EventTimeFormat format) {
    this.format = format;
  }

  /** A line's event time (epoch millis) and its message. */
  record Stamped(long millis, byte[] message) {}

  /**
   * @param where {@code file:line}, for the error
   * @throws ReplayException naming {@code where} when the line does not start with a time
   */
  Stamped split(byte[] line, String where) {
    int first = tokenEnd(line, 0);
    String token = ascii(line, 0, first);
    Long millis = parse(token);
    int end = first;
    if (millis == null && first < line.length) {
      // "2019-10-01 09:00:00": a date, a space, a time
      int second = tokenEnd(line, first + 1);
      millis = parse(ascii(line, 0, second));
      end = second;
    }
    if (millis == null) {
      throw new ReplayException(
          ExitCode.BAD_INPUT,
          where
              + ": --timestamp-prefix: the line does not start with a time ("
              + EventTimeFormat.EXPECTED
              + "): '"
              + start(line)
              + "'");
    }
    int messageStart = end < line.length ? end + 1 : end;
    return new Stamped(millis, Arrays.copyOfRange(line, messageStart, line.length));
  }

  private Long parse(String text) {
    if (text == null || text.isEmpty()) {
      return null;
    }
    try {
      return format.millis(text);
    } catch (DateTimeException e) {
      return null;
    }
  }

  private static String start(byte[] line) {
    String text = new String(line, 0, Math.min(line.length, 40), StandardCharsets.UTF_8);
    return line.length > 40 ? text + "..." : text;
  }

  private static int tokenEnd(byte[] line, int from) {
    int i = from;
    while (i < line.length && line[i] != ' ' && line[i] != '\t') {
      i++;
    }
    return i;
  }

  /** The bytes as text when they are ASCII (every time is), else null. */
  private static String ascii(byte[] line, int from, int to) {
    for (int i = from; i < to; i++) {
      if (line[i] < 0x20) {
        return null;
      }
    }
    return new String(line, from, to - from, StandardCharsets.ISO_8859_1);
  }
}
