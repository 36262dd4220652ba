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
 * {@code --profile=NAME|FILE}: a file of options ({@code runner=DirectRunner} means {@code
 * --runner=DirectRunner}); a NAME is one of the shipped {@code runner-profiles/NAME.properties}.
 * Options given on the command line win over the profile's, so a profile is a set of defaults for
 * one target, not a cage. The one place where a profile is found and read: {@code bin/streamcount}
 * and {@code mvn exec:java} pass {@code --profile} on as it was typed.
 */
final class RunnerProfile {
  static final String FLAG = "--profile";

  /** Where the shipped profiles are: set by bin/streamcount; else runner-profiles/ near here. */
  static final String DIRECTORY_PROPERTY = "streamcount.profiles";

  private RunnerProfile() {}

  /** The arguments with any {@code --profile=FILE} replaced by the file's options. */
  static String[] apply(String[] args) {
    Path profile = null;
    List<String> rest = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a.startsWith(FLAG + "=")) {
        profile = find(a.substring(FLAG.length() + 1));
      } else if (a.equals(FLAG) && i + 1 < args.length) {
        profile = find(args[++i]);
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

  /**
   * {@code nameOrFile} as a file: itself if it names one, else the shipped profile of that name.
   */
  static Path find(String nameOrFile) {
    Path file = Path.of(nameOrFile);
    if (Files.isRegularFile(file)
        || nameOrFile.contains("/")
        || nameOrFile.endsWith(".properties")) {
      return file;
    }
    Path directory = shippedProfiles();
    Path shipped = directory == null ? null : directory.resolve(nameOrFile + ".properties");
    if (shipped == null || !Files.isRegularFile(shipped)) {
      throw new IllegalArgumentException(
          "no --profile "
              + nameOrFile
              + ": give a file, or one of "
              + (directory == null ? "runner-profiles/" : String.join(", ", names(directory))));
    }
    return shipped;
  }

  private static Path shippedProfiles() {
    String configured = System.getProperty(DIRECTORY_PROPERTY);
    if (configured != null) {
      return Path.of(configured);
    }
    // mvn exec:java runs where mvn was started: the project, or one of its modules
    for (Path candidate : List.of(Path.of("runner-profiles"), Path.of("..", "runner-profiles"))) {
      if (Files.isDirectory(candidate)) {
        return candidate;
      }
    }
    return null;
  }

  private static List<String> names(Path directory) {
    try (var files = Files.list(directory)) {
      return files
          .map(f -> f.getFileName().toString())
          .filter(f -> f.endsWith(".properties"))
          .map(f -> f.substring(0, f.length() - ".properties".length()))
          .sorted()
          .toList();
    } catch (IOException e) {
      return List.of(directory + "/*.properties");
    }
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
