package org.streamcount.replayer;

import java.math.BigInteger;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The dtype {@code pandas.read_csv} gives a column, decided over the whole file, and how one cell
 * of that column reads. Only what decides the JSON is modelled: integers, floats, booleans,
 * strings, and the cells pandas reads as missing (NaN, written {@code null}).
 */
enum ColumnType {
  /** Every cell an integer and none missing: int64 (uint64 past Long.MAX_VALUE). */
  INTEGER,
  /** Numbers with a decimal part or exponent, or integers with missing cells: float64. */
  FLOAT,
  /** Only True/False spellings (missing cells allowed: pandas keeps them as Python bools). */
  BOOLEAN,
  /** Anything else: object, every cell its text. */
  STRING;

  /** pandas' default {@code na_values}. */
  static final Set<String> NA_VALUES =
      Set.of(
          "",
          "#N/A",
          "#N/A N/A",
          "#NA",
          "-1.#IND",
          "-1.#QNAN",
          "-NaN",
          "-nan",
          "1.#IND",
          "1.#QNAN",
          "<NA>",
          "N/A",
          "NA",
          "NULL",
          "NaN",
          "None",
          "n/a",
          "nan",
          "null");

  static final Set<String> TRUE_VALUES = Set.of("True", "TRUE", "true");
  static final Set<String> FALSE_VALUES = Set.of("False", "FALSE", "false");

  private static final Pattern INTEGER_TEXT = Pattern.compile("\\s*[+-]?\\d+\\s*");
  private static final Pattern FLOAT_TEXT =
      Pattern.compile(
          "\\s*[+-]?(?:\\d+\\.?\\d*(?:[eE][+-]?\\d+)?|\\.\\d+(?:[eE][+-]?\\d+)?|(?i:inf|infinity))\\s*");
  private static final BigInteger UINT64_MAX =
      BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

  static boolean isMissing(String cell) {
    return NA_VALUES.contains(cell);
  }

  static boolean isInteger(String cell) {
    if (!INTEGER_TEXT.matcher(cell).matches()) {
      return false;
    }
    BigInteger value = new BigInteger(stripPlus(cell.trim()));
    return value.bitLength() < 64 || (value.signum() > 0 && value.compareTo(UINT64_MAX) <= 0);
  }

  static boolean isFloat(String cell) {
    return FLOAT_TEXT.matcher(cell).matches();
  }

  static boolean isBoolean(String cell) {
    return TRUE_VALUES.contains(cell) || FALSE_VALUES.contains(cell);
  }

  static double parseFloat(String cell) {
    String t = cell.trim();
    String lower = t.toLowerCase(java.util.Locale.ROOT);
    if (lower.endsWith("inf") || lower.endsWith("infinity")) {
      return lower.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    }
    return Double.parseDouble(t);
  }

  static String integerText(String cell) {
    return new BigInteger(stripPlus(cell.trim())).toString();
  }

  private static String stripPlus(String s) {
    return s.startsWith("+") ? s.substring(1) : s;
  }

  /** Watches a column's cells and tells its dtype at the end. */
  static final class Inference {
    private boolean allInteger = true;
    private boolean allFloat = true;
    private boolean allBoolean = true;
    private boolean anyMissing;
    private boolean anyValue;

    void observe(String cell) {
      if (isMissing(cell)) {
        anyMissing = true;
        return;
      }
      anyValue = true;
      if (allBoolean && !isBoolean(cell)) {
        allBoolean = false;
      }
      if (allFloat && !isFloat(cell)) {
        allFloat = false;
        allInteger = false;
      }
      if (allInteger && !isInteger(cell)) {
        allInteger = false;
      }
    }

    ColumnType type() {
      if (!anyValue) {
        return FLOAT; // every cell missing: a column of NaN
      }
      if (allInteger) {
        return anyMissing ? FLOAT : INTEGER;
      }
      if (allFloat) {
        return FLOAT;
      }
      return allBoolean ? BOOLEAN : STRING;
    }
  }
}
