package org.streamcount.replayer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Expected strings are what pandas 2.x prints for the same input (to_json defaults). */
class PandasJsonTest {

  private static String number(double d) {
    StringBuilder out = new StringBuilder();
    PandasJson.number(d, out);
    return out.toString();
  }

  private static String string(String s) {
    StringBuilder out = new StringBuilder();
    PandasJson.string(s, out);
    return out.toString();
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "12.245, 12.245",
    "-0.28800000000000003, -0.288",
    "11.565999999999999, 11.566",
    "-10.347000000000001, -10.347",
    "0.013999999999999999, 0.014",
    "0.0, 0.0",
    "-10.0, -10.0",
    "12, 12.0",
    "0.1, 0.1",
    "0.30000000000000004, 0.3",
    "1.23456789012345, 1.2345678901",
    "0.99999999999, 1.0",
    "0.00000000001, 0.0",
    "-0.00000000001, -0.0",
    // ujson works on (value - whole) * 1e10 in doubles: pandas really prints these digits
    "123456789.123, 123456789.1229999959",
    "1e15, 1000000000000000.0",
    // 1e16 - 1 is 1e16 as a double, so 1e16 is still written in fixed notation
    "1e16, 10000000000000000.0",
    "2e16, 2e+16",
    "-2.5e20, -2.5e+20",
    "1e-16, 1e-16",
    "1.234567890123e-20, 1.23456789e-20",
  })
  void floatsAreRoundedToTenDecimalsThenShortest(double value, String expected) {
    assertThat(number(value)).isEqualTo(expected);
  }

  @Test
  void nanAndInfinityAreNull() {
    assertThat(number(Double.NaN)).isEqualTo("null");
    assertThat(number(Double.POSITIVE_INFINITY)).isEqualTo("null");
  }

  @Test
  void stringsAreAsciiWithUjsonEscapes() {
    assertThat(string("2019-10-01 09:00:00")).isEqualTo("\"2019-10-01 09:00:00\"");
    assertThat(string("café")).isEqualTo("\"caf\\u00e9\"");
    assertThat(string("a/b")).isEqualTo("\"a\\/b\"");
    assertThat(string("say \"hi\"\\")).isEqualTo("\"say \\\"hi\\\"\\\\\"");
    assertThat(string("line\nbreak\ttab\r")).isEqualTo("\"line\\nbreak\\ttab\\r\"");
    assertThat(string("\u0001\u001f\u007f")).isEqualTo("\"\\u0001\\u001f\u007f\"");
    assertThat(string("😀")).isEqualTo("\"\\ud83d\\ude00\"");
    assertThat(string("<&>")).isEqualTo("\"<&>\"");
  }

  @Test
  void columnTypesAreDecidedOverTheWholeColumn() {
    assertThat(infer("1", "2", "-3")).isEqualTo(ColumnType.INTEGER);
    assertThat(infer("1", "", "3")).isEqualTo(ColumnType.FLOAT);
    assertThat(infer("1", "2.5")).isEqualTo(ColumnType.FLOAT);
    assertThat(infer("1e3", "2")).isEqualTo(ColumnType.FLOAT);
    assertThat(infer("True", "false", "")).isEqualTo(ColumnType.BOOLEAN);
    assertThat(infer("True", "1")).isEqualTo(ColumnType.STRING);
    assertThat(infer("12", "abc")).isEqualTo(ColumnType.STRING);
    assertThat(infer("", "NA", "nan")).isEqualTo(ColumnType.FLOAT);
    assertThat(infer("18446744073709551615")).isEqualTo(ColumnType.INTEGER);
    assertThat(infer("18446744073709551616")).isEqualTo(ColumnType.FLOAT);
  }

  @Test
  void rowsAreOneElementRecordArrays() {
    PandasJson json =
        new PandasJson(
            List.of("device_id", "timestamp", "speed", "accelerometer_x", "ok", "note"),
            List.of(
                ColumnType.INTEGER,
                ColumnType.STRING,
                ColumnType.FLOAT,
                ColumnType.FLOAT,
                ColumnType.BOOLEAN,
                ColumnType.STRING));
    List<String> row =
        List.of("10", "2019-10-01 09:01:00", "12", "-0.28800000000000003", "TRUE", "");
    assertThat(json.records(row))
        .isEqualTo(
            "[{\"device_id\":10,\"timestamp\":\"2019-10-01 09:01:00\",\"speed\":12.0,\"accelerometer_x\":-0.288,\"ok\":true,\"note\":null}]");
    assertThat(json.object(row))
        .isEqualTo(
            "{\"device_id\":10,\"timestamp\":\"2019-10-01 09:01:00\",\"speed\":12.0,\"accelerometer_x\":-0.288,\"ok\":true,\"note\":null}");
  }

  private static ColumnType infer(String... cells) {
    ColumnType.Inference inference = new ColumnType.Inference();
    for (String cell : cells) {
      inference.observe(cell);
    }
    return inference.type();
  }
}
