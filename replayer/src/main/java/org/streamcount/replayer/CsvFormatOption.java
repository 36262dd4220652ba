package org.streamcount.replayer;

/** What one CSV row becomes as a message. */
enum CsvFormatOption {
  /**
   * {@code [{"col":value,...}]}: pandas' to_json(orient='records') of the row, the seed's message.
   */
  pandas,
  /** {@code {"col":value,...}}: the same typed values as one plain object. */
  json,
  /** The row as CSV text (fields re-quoted only where needed). */
  csv
}
