package org.streamcount.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The pipeline options the bench starts streamcount with: its own, less those that a {@code
 * --streamcount-option} sets again, then the user's. streamcount refuses an option of one value
 * given twice, and the user's choice is the one meant.
 */
final class StreamCountArguments {
  private StreamCountArguments() {}

  static List<String> of(List<String> ours, List<String> extra) {
    Set<String> named = extra.stream().map(StreamCountArguments::name).collect(Collectors.toSet());
    List<String> args = new ArrayList<>();
    for (String a : ours) {
      if (!named.contains(name(a))) {
        args.add(a);
      }
    }
    args.addAll(extra);
    return args;
  }

  private static String name(String arg) {
    int eq = arg.indexOf('=');
    return eq < 0 ? arg : arg.substring(0, eq);
  }
}
