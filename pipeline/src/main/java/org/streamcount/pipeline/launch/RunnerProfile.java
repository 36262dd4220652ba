package org.streamcount.pipeline.launch;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * {@code --profile=FILE}: a runner-profiles/*.properties file of options ({@code
 * runner=DirectRunner} means {@code --runner=DirectRunner}). Options given on the command line win
 * over the profile's, so a profile is a set of defaults for one target, not a cage.
 */
final class RunnerProfile {
  static final String FLAG = "--profile";

  private RunnerProfile() {}

  /** The arguments with any {@code --profile=FILE} replaced by the file's options. */
  static String[] apply(String[] args) {
    Path profile = null;
    List<String> rest = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a.startsWith(FLAG + "=")) {
        profile = Path.of(a.substring(FLAG.length() + 1));
      } else if (a.equals(FLAG) && i + 1 < args.length) {
        profile = Path.of(args[++i]);
      } else {
        rest.add(a);
      }
    }
    if (profile == null) {
      return args;
    }
    Map<String, String> options = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : load(profile).entrySet()) {
      options.put(e.getKey(), "--" + e.getKey() + "=" + e.getValue());
    }
    for (String a : rest) {
      options.remove(optionName(a));
    }
    List<String> merged = new ArrayList<>(options.values());
    merged.addAll(rest);
    return merged.toArray(String[]::new);
  }

  private static Map<String, String> load(Path file) {
    Properties p = new Properties();
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      p.load(in);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "cannot read --profile "
              + file
              + ": "
              + (Files.exists(file) ? e.getMessage() : "no such file"));
    }
    Map<String, String> out = new LinkedHashMap<>();
    p.stringPropertyNames().stream()
        .sorted()
        .forEach(k -> out.put(k.trim(), p.getProperty(k).trim()));
    return out;
  }

  static String optionName(String arg) {
    String name = arg.startsWith("--") ? arg.substring(2) : arg;
    int eq = name.indexOf('=');
    return eq < 0 ? name : name.substring(0, eq);
  }
}
