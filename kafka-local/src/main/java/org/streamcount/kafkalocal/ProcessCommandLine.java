package org.streamcount.kafkalocal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A process's command line as Linux's /proc holds it, whole: {@code ProcessHandle.Info} leaves out
 * one as long as a Beam and Spark classpath. For the tests that check what a launch passed to its
 * JVM, and that no secret is in it.
 */
public final class ProcessCommandLine {
  private ProcessCommandLine() {}

  /** argv, program first; empty once the process has ended. */
  public static List<String> of(long pid) {
    try {
      String raw =
          new String(
              Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline")),
              StandardCharsets.UTF_8);
      return raw.isEmpty() ? List.of() : List.of(raw.split("\0"));
    } catch (IOException ended) {
      return List.of();
    }
  }

  /** argv joined by spaces, for a check that a word is or is not in it. */
  public static String joined(long pid) {
    return String.join(" ", of(pid));
  }
}
