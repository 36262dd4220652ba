package org.streamcount.pipeline.launch;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;

/**
 * Refuses an option of one value given twice on the command line, naming it. Beam's parser fails
 * there with Guava's "expected one element but was: <5s, 250ms>", which names neither the option
 * nor what to do. Options that hold a list ({@code --inputTopics}, {@code --experiments}) may be
 * repeated, as Beam allows.
 */
final class RepeatedOptions {
  private RepeatedOptions() {}

  /**
   * @throws IllegalArgumentException naming the first option of one value that {@code args} give
   *     more than once
   */
  static void check(String[] args) {
    Map<String, List<String>> values = new LinkedHashMap<>();
    for (String a : args) {
      int eq = a.indexOf('=');
      if (a.startsWith("--") && eq > 2) {
        values
            .computeIfAbsent(RunnerProfile.optionName(a), k -> new ArrayList<>())
            .add(a.substring(eq + 1));
      }
    }
    values.forEach(
        (name, given) -> {
          if (given.size() > 1 && takesOneValue(name)) {
            throw new IllegalArgumentException(
                "--"
                    + name
                    + " is given "
                    + given.size()
                    + " times ("
                    + String.join(", ", given)
                    + "): give it once");
          }
        });
  }

  /** False for a list option, and for a name no registered options interface knows (Beam says). */
  private static boolean takesOneValue(String name) {
    String property = name.substring(0, 1).toUpperCase(Locale.ROOT) + name.substring(1);
    for (Class<? extends PipelineOptions> options : PipelineOptionsFactory.getRegisteredOptions()) {
      for (Method m : options.getMethods()) {
        if (m.getParameterCount() == 0
            && (m.getName().equals("get" + property) || m.getName().equals("is" + property))) {
          Class<?> type = m.getReturnType();
          return !type.isArray() && !Collection.class.isAssignableFrom(type);
        }
      }
    }
    return false;
  }
}
