package org.streamcount.pipeline;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How an option that is an enum reads on the command line: its constants in lower case ({@code
 * --startFrom=earliest}), any case accepted, and the valid values named when one is wrong.
 */
final class EnumOption {
  private EnumOption() {}

  /**
   * @throws IllegalArgumentException naming {@code option} and its valid values
   */
  static <E extends Enum<E>> E parse(Class<E> type, String option, String value) {
    for (E constant : type.getEnumConstants()) {
      if (constant.name().equalsIgnoreCase(value)) {
        return constant;
      }
    }
    throw new IllegalArgumentException(
        option
            + " must be one of "
            + Arrays.stream(type.getEnumConstants())
                .map(EnumOption::show)
                .collect(Collectors.joining(", "))
            + ", got '"
            + value
            + "'");
  }

  /** The constant as users type it. */
  static String show(Enum<?> constant) {
    return constant.name().toLowerCase(Locale.ROOT);
  }
}
