package org.streamcount.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A system's own account of its start-up, the {@code start-up: ... = phase s + phase s (s)} line
 * that streamcount logs and {@link StructuredWordCount} prints: the phases, for the report.
 */
final class StartupLine {
  static final String MARK = "start-up: ";

  private StartupLine() {}

  /**
   * The phases of the first start-up line in {@code log} ("jvm 0.4 + options 0.5 + ..."), or null.
   */
  static String find(Path log) {
    List<String> lines;
    try {
      lines = Files.readAllLines(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return null;
    }
    return lines.stream()
        .filter(l -> l.contains(MARK))
        .findFirst()
        .map(StartupLine::phases)
        .orElse(null);
  }

  static String phases(String line) {
    int eq = line.indexOf(" = ", line.indexOf(MARK));
    int end = line.lastIndexOf(" (s)");
    return eq < 0 || end < eq ? null : line.substring(eq + 3, end);
  }
}
