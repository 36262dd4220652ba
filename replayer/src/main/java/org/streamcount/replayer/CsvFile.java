package org.streamcount.replayer;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.OptionalLong;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.streamcount.kafka.ExitCode;

/**
 * One CSV file, read the way {@code pandas.read_csv} reads it (header row, RFC 4180 quoting with
 * embedded newlines, blank lines skipped, strict UTF-8), streamed: memory does not grow with the
 * file. {@link #scan} makes a first pass for the column types and row count; {@link #rows} streams
 * the rows again. Every problem names the file and the line.
 */
final class CsvFile {
  private static final CSVFormat FORMAT =
      CSVFormat.RFC4180.builder().setIgnoreEmptyLines(true).get();

  private final Path path;
  private final boolean skipBadRows;
  private final List<String> columns;
  private final List<ColumnType> types;
  private final long rowCount;
  private final long badRows;

  private CsvFile(
      Path path,
      boolean skipBadRows,
      List<String> columns,
      List<ColumnType> types,
      long rowCount,
      long badRows) {
    this.path = path;
    this.skipBadRows = skipBadRows;
    this.columns = columns;
    this.types = types;
    this.rowCount = rowCount;
    this.badRows = badRows;
  }

  /** One data row and the line it starts on (1-based, the header is line 1). */
  record Row(long line, List<String> values) {}

  /**
   * First pass: header, column types, row count.
   *
   * @throws ReplayException (bad input) for a missing, unreadable or malformed file
   */
  static CsvFile scan(Path path, boolean skipBadRows) {
    checkReadable(path);
    try {
      OptionalLong invalid = Utf8Check.firstInvalidLine(path);
      if (invalid.isPresent()) {
        throw new ReplayException(
            ExitCode.BAD_INPUT, path + ":" + invalid.getAsLong() + ": not valid UTF-8");
      }
    } catch (IOException e) {
      throw new ReplayException(ExitCode.BAD_INPUT, path + ": cannot read: " + e.getMessage());
    }
    try (Reading reading = new Reading(path)) {
      if (!reading.hasNext()) {
        throw new ReplayException(ExitCode.BAD_INPUT, path + ": empty file, no header row");
      }
      List<String> header = reading.next().values();
      List<String> columns = columnNames(header);
      List<ColumnType.Inference> inference = new ArrayList<>();
      columns.forEach(c -> inference.add(new ColumnType.Inference()));
      long rows = 0;
      long bad = 0;
      while (reading.hasNext()) {
        Row row = reading.next();
        if (row.values().size() != columns.size()) {
          if (!skipBadRows) {
            throw wrongFieldCount(path, row, columns.size());
          }
          bad++;
          continue;
        }
        for (int i = 0; i < columns.size(); i++) {
          inference.get(i).observe(row.values().get(i));
        }
        rows++;
      }
      return new CsvFile(
          path,
          skipBadRows,
          columns,
          inference.stream().map(ColumnType.Inference::type).toList(),
          rows,
          bad);
    }
  }

  Path path() {
    return path;
  }

  List<String> columns() {
    return columns;
  }

  /**
   * The index of the column {@code name}, which {@code option} asked for; an error naming the
   * columns there are.
   */
  int columnIndex(String name, String option) {
    int index = columns.indexOf(name);
    if (index < 0) {
      throw new ReplayException(
          ExitCode.BAD_INPUT,
          path
              + ": no column named '"
              + name
              + "' for "
              + option
              + " (columns: "
              + String.join(", ", columns)
              + ")");
    }
    return index;
  }

  List<ColumnType> types() {
    return types;
  }

  long rowCount() {
    return rowCount;
  }

  long badRows() {
    return badRows;
  }

  /** Second pass: the data rows (bad rows skipped if asked), streamed. Close it when done. */
  RowStream rows() {
    return new RowStream(new Reading(path));
  }

  /**
   * The data rows of a file, skipping the header and, when asked, the rows with a wrong field
   * count.
   */
  final class RowStream implements Iterator<Row>, AutoCloseable {
    private final Reading reading;
    private Row next;

    private RowStream(Reading reading) {
      this.reading = reading;
      if (reading.hasNext()) {
        reading.next(); // header
      }
    }

    @Override
    public boolean hasNext() {
      while (next == null && reading.hasNext()) {
        Row row = reading.next();
        if (row.values().size() == columns.size()) {
          next = row;
        } else if (!skipBadRows) {
          throw wrongFieldCount(path, row, columns.size());
        }
      }
      return next != null;
    }

    @Override
    public Row next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      Row row = next;
      next = null;
      return row;
    }

    @Override
    public void close() {
      reading.close();
    }
  }

  /** pandas' header rules: an empty name is "Unnamed: i", a repeated name gets ".1", ".2", ... */
  static List<String> columnNames(List<String> header) {
    List<String> names = new ArrayList<>(header.size());
    Map<String, Integer> suffixes = new HashMap<>();
    java.util.Set<String> used = new java.util.HashSet<>();
    for (int i = 0; i < header.size(); i++) {
      String name = header.get(i);
      if (i == 0 && name.startsWith("\uFEFF")) {
        name = name.substring(1);
      }
      if (name.isEmpty()) {
        name = "Unnamed: " + i;
      }
      String unique = name;
      int n = suffixes.getOrDefault(name, 0);
      while (used.contains(unique)) {
        unique = name + "." + (++n);
      }
      suffixes.put(name, n);
      used.add(unique);
      names.add(unique);
    }
    return names;
  }

  private static ReplayException wrongFieldCount(Path path, Row row, int expected) {
    return new ReplayException(
        ExitCode.BAD_INPUT,
        path
            + ":"
            + row.line()
            + ": expected "
            + expected
            + " fields, found "
            + row.values().size()
            + " (--skip-bad-rows skips such rows)");
  }

  private static void checkReadable(Path path) {
    if (Files.isDirectory(path)) {
      throw new ReplayException(ExitCode.BAD_INPUT, path + ": is a directory, not a file");
    }
    if (!Files.exists(path)) {
      throw new ReplayException(ExitCode.BAD_INPUT, path + ": no such file");
    }
    if (!Files.isReadable(path)) {
      throw new ReplayException(ExitCode.BAD_INPUT, path + ": not readable (permission denied)");
    }
  }

  /** commons-csv over a strict UTF-8 reader, with every failure turned into file:line: why. */
  private static final class Reading implements AutoCloseable {
    private final Path path;
    private final CSVParser parser;
    private final Iterator<CSVRecord> records;
    private boolean fetched;
    private boolean available;
    private long lineOfFetched;

    Reading(Path path) {
      this.path = path;
      try {
        var decoder =
            StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        BufferedReader in =
            new BufferedReader(new InputStreamReader(Files.newInputStream(path), decoder), 1 << 16);
        parser = CSVParser.builder().setReader(in).setFormat(FORMAT).get();
        records = parser.iterator();
      } catch (NoSuchFileException e) {
        throw new ReplayException(ExitCode.BAD_INPUT, path + ": no such file");
      } catch (AccessDeniedException e) {
        throw new ReplayException(ExitCode.BAD_INPUT, path + ": not readable (permission denied)");
      } catch (IOException e) {
        throw new ReplayException(ExitCode.BAD_INPUT, path + ": cannot read: " + e.getMessage());
      }
    }

    /** The iterator parses one record ahead: remember the line where that record started. */
    boolean hasNext() {
      if (!fetched) {
        lineOfFetched = parser.getCurrentLineNumber() + 1;
        try {
          available = records.hasNext();
        } catch (UncheckedIOException | IllegalStateException e) {
          throw malformed(lineOfFetched, e);
        }
        fetched = true;
      }
      return available;
    }

    Row next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      fetched = false;
      return new Row(lineOfFetched, records.next().toList());
    }

    private ReplayException malformed(long line, RuntimeException e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      if (cause instanceof CharacterCodingException) {
        return new ReplayException(
            ExitCode.BAD_INPUT,
            path + ":" + (parser.getCurrentLineNumber() + 1) + ": not valid UTF-8");
      }
      String why =
          cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
      String lower = why.toLowerCase(java.util.Locale.ROOT);
      if (lower.contains("eof reached before encapsulated token finished")) {
        why = "a quoted field is never closed (unbalanced quotes)";
      } else if (lower.contains("between encapsulated token and delimiter")) {
        why = "text after a closing quote (unbalanced quotes)";
      }
      return new ReplayException(ExitCode.BAD_INPUT, path + ":" + line + ": malformed CSV: " + why);
    }

    @Override
    public void close() {
      try {
        parser.close();
      } catch (IOException ignored) {
        // read-only
      }
    }
  }
}
