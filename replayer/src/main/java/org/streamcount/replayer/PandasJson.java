package org.streamcount.replayer;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.List;

/**
 * Writes a CSV row exactly as {@code df[df.index == i].to_json(orient='records')} does after {@code
 * pd.read_csv(file)}: pandas' bundled ujson with its defaults (double_precision=10,
 * ensure_ascii=True, forward slashes escaped, no spaces). The seed's producer sent these bytes;
 * users' consumers parse them, so they must match byte for byte.
 */
final class PandasJson {
  private static final char[] HEX = "0123456789abcdef".toCharArray();
  private static final int DOUBLE_PRECISION = 10;
  private static final double POW10 = 1e10;
  private static final double EXPONENTIAL_ABOVE = 1e16 - 1;
  private static final double EXPONENTIAL_BELOW = 1e-15;

  private final List<String> columns;
  private final List<ColumnType> types;

  PandasJson(List<String> columns, List<ColumnType> types) {
    if (columns.size() != types.size()) {
      throw new IllegalArgumentException(
          columns.size() + " columns but " + types.size() + " types");
    }
    this.columns = List.copyOf(columns);
    this.types = List.copyOf(types);
  }

  /** {@code [{"col":value,...}]}: the seed's message. */
  String records(List<String> row) {
    StringBuilder out = new StringBuilder(64 + row.size() * 24);
    out.append('[');
    object(row, out);
    return out.append(']').toString();
  }

  /** {@code {"col":value,...}}: one plain object. */
  String object(List<String> row) {
    StringBuilder out = new StringBuilder(64 + row.size() * 24);
    object(row, out);
    return out.toString();
  }

  private void object(List<String> row, StringBuilder out) {
    out.append('{');
    for (int i = 0; i < columns.size(); i++) {
      if (i > 0) {
        out.append(',');
      }
      string(columns.get(i), out);
      out.append(':');
      value(types.get(i), row.get(i), out);
    }
    out.append('}');
  }

  static void value(ColumnType type, String cell, StringBuilder out) {
    if (ColumnType.isMissing(cell)) {
      out.append("null");
      return;
    }
    switch (type) {
      case INTEGER -> out.append(ColumnType.integerText(cell));
      case FLOAT -> number(ColumnType.parseFloat(cell), out);
      case BOOLEAN -> out.append(ColumnType.TRUE_VALUES.contains(cell) ? "true" : "false");
      case STRING -> string(cell, out);
    }
  }

  /**
   * A double as ujson writes it: rounded to 10 decimals, shortest digits, always a decimal point
   * ({@code 12.0}, {@code -0.288}); {@code %.10g} outside [1e-15, 1e16); NaN and infinities are
   * null (pandas turns them into null before ujson sees them).
   */
  static void number(double value, StringBuilder out) {
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      out.append("null");
      return;
    }
    boolean negative = value < 0;
    double v = negative ? -value : value;
    if (v > EXPONENTIAL_ABOVE || (v != 0.0 && v < EXPONENTIAL_BELOW)) {
      out.append(printfG(negative ? -v : v));
      return;
    }
    long whole = (long) v;
    double scaled = (v - whole) * POW10;
    long frac = (long) scaled;
    double diff = scaled - frac;
    if (diff > 0.5) {
      ++frac;
    } else if (diff == 0.5 && (frac == 0 || (frac & 1) != 0)) {
      ++frac; // ujson's tie rule, kept as is
    }
    if (frac >= POW10) {
      frac = 0;
      ++whole;
    }
    if (negative) {
      out.append('-');
    }
    out.append(whole).append('.');
    if (frac == 0) {
      out.append('0');
      return;
    }
    int digits = DOUBLE_PRECISION;
    while (frac % 10 == 0) {
      frac /= 10;
      digits--;
    }
    String fraction = Long.toString(frac);
    for (int pad = digits - fraction.length(); pad > 0; pad--) {
      out.append('0');
    }
    out.append(fraction);
  }

  /** C's {@code printf("%.10g")}: only reached for exponents far outside %g's fixed range. */
  private static String printfG(double value) {
    BigDecimal rounded =
        new BigDecimal(value).round(new MathContext(DOUBLE_PRECISION, RoundingMode.HALF_EVEN));
    String digits = rounded.unscaledValue().abs().toString();
    int exponent = digits.length() - 1 - rounded.scale();
    String mantissa = digits.replaceFirst("0+$", "");
    StringBuilder s = new StringBuilder();
    if (rounded.signum() < 0) {
      s.append('-');
    }
    s.append(mantissa.charAt(0));
    if (mantissa.length() > 1) {
      s.append('.').append(mantissa, 1, mantissa.length());
    }
    s.append('e').append(exponent < 0 ? '-' : '+');
    int abs = Math.abs(exponent);
    if (abs < 10) {
      s.append('0');
    }
    return s.append(abs).toString();
  }

  /** A JSON string with ujson's ASCII-only escaping. */
  static void string(String text, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '/' -> out.append("\\/");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20 || c > 0x7e && c != 0x7f) {
            // surrogate pairs come out as two \\u escapes, as ujson writes them
            out.append("\\u")
                .append(HEX[(c >> 12) & 0xf])
                .append(HEX[(c >> 8) & 0xf])
                .append(HEX[(c >> 4) & 0xf])
                .append(HEX[c & 0xf]);
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}
