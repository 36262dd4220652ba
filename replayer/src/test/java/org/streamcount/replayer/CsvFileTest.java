package org.streamcount.replayer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.streamcount.kafka.ExitCode;

class CsvFileTest {
  @TempDir Path dir;

  private Path file(String name, String content) throws Exception {
    Path p = dir.resolve(name);
    Files.writeString(p, content, StandardCharsets.UTF_8);
    return p;
  }

  private static List<CsvFile.Row> rows(CsvFile csv) {
    List<CsvFile.Row> rows = new ArrayList<>();
    try (CsvFile.RowStream stream = csv.rows()) {
      stream.forEachRemaining(rows::add);
    }
    return rows;
  }

  @Test
  void readsHeaderTypesAndRowsWithQuotedFieldsAndEmbeddedNewlines() throws Exception {
    Path p = file("a.csv", "id,name,score\n1,\"Smith, Jo\",1.5\n\n2,\"two\nlines\",2\n");
    CsvFile csv = CsvFile.scan(p, false);
    assertThat(csv.columns()).containsExactly("id", "name", "score");
    assertThat(csv.types())
        .containsExactly(ColumnType.INTEGER, ColumnType.STRING, ColumnType.FLOAT);
    assertThat(csv.rowCount()).isEqualTo(2);
    assertThat(rows(csv))
        .extracting(CsvFile.Row::values)
        .containsExactly(List.of("1", "Smith, Jo", "1.5"), List.of("2", "two\nlines", "2"));
  }

  @Test
  void headerNamesFollowPandas() {
    assertThat(CsvFile.columnNames(List.of("\uFEFFa", "a", "", "a", "a.1")))
        .containsExactly("a", "a.1", "Unnamed: 2", "a.2", "a.1.1");
  }

  @Test
  void missingFile() {
    Path missing = dir.resolve("nope.csv");
    assertThatThrownBy(() -> CsvFile.scan(missing, false))
        .isInstanceOf(ReplayException.class)
        .hasMessage(missing + ": no such file")
        .extracting(e -> ((ReplayException) e).exitCode())
        .isEqualTo(ExitCode.BAD_INPUT);
  }

  @Test
  void directoryInsteadOfFile() {
    assertThatThrownBy(() -> CsvFile.scan(dir, false))
        .hasMessage(dir + ": is a directory, not a file");
  }

  @Test
  void emptyFile() throws Exception {
    Path p = file("empty.csv", "");
    assertThatThrownBy(() -> CsvFile.scan(p, false)).hasMessage(p + ": empty file, no header row");
  }

  @Test
  void headerOnlyHasNoRows() throws Exception {
    CsvFile csv = CsvFile.scan(file("header.csv", "a,b\n"), false);
    assertThat(csv.rowCount()).isZero();
    assertThat(rows(csv)).isEmpty();
  }

  @Test
  void raggedRowNamesFileAndLine() throws Exception {
    Path p = file("ragged.csv", "a,b\n1,2\n3,4,5\n6,7\n");
    assertThatThrownBy(() -> CsvFile.scan(p, false))
        .hasMessage(p + ":3: expected 2 fields, found 3 (--skip-bad-rows skips such rows)");
    Path shortRow = file("short.csv", "a,b\n1,2\n3\n");
    assertThatThrownBy(() -> CsvFile.scan(shortRow, false))
        .hasMessage(shortRow + ":3: expected 2 fields, found 1 (--skip-bad-rows skips such rows)");
  }

  @Test
  void skipBadRowsCountsThem() throws Exception {
    CsvFile csv = CsvFile.scan(file("ragged.csv", "a,b\n1,2\n3,4,5\n6,7\n8\n"), true);
    assertThat(csv.rowCount()).isEqualTo(2);
    assertThat(csv.badRows()).isEqualTo(2);
    assertThat(rows(csv))
        .extracting(CsvFile.Row::values)
        .containsExactly(List.of("1", "2"), List.of("6", "7"));
  }

  @Test
  void unbalancedQuotes() throws Exception {
    Path p = file("quotes.csv", "a,b\n1,2\n3,\"open\n4,5\n");
    assertThatThrownBy(() -> CsvFile.scan(p, false))
        .hasMessageStartingWith(
            p + ":3: malformed CSV: a quoted field is never closed (unbalanced quotes)");
  }

  @Test
  void textAfterAClosingQuote() throws Exception {
    Path p = file("quotes.csv", "a,b\n1,\"x\"y\n");
    assertThatThrownBy(() -> CsvFile.scan(p, false))
        .hasMessageStartingWith(
            p + ":2: malformed CSV: text after a closing quote (unbalanced quotes)");
  }

  @Test
  void notUtf8() throws Exception {
    Path p = dir.resolve("latin1.csv");
    Files.write(p, "a,b\n1,2\nx,caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
    assertThatThrownBy(() -> CsvFile.scan(p, false)).hasMessage(p + ":3: not valid UTF-8");
  }
}
