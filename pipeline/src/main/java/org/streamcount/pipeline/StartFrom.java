package org.streamcount.pipeline;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Where the pipeline starts reading its input topics. */
public enum StartFrom {
  EARLIEST,
  LATEST,
  COMMITTED;

  /** Options are written in lower case on the command line: {@code --startFrom=earliest}. */
  @JsonCreator
  public static StartFrom parse(String value) {
    for (StartFrom s : values()) {
      if (s.name().equalsIgnoreCase(value)) {
        return s;
      }
    }
    throw new IllegalArgumentException("--startFrom must be one of "
        + Arrays.stream(values()).map(StartFrom::toString).collect(Collectors.joining(", ")) + ", got '" + value + "'");
  }

  @JsonValue
  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
