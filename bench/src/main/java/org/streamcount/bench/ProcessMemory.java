package org.streamcount.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Resident memory of a process, from Linux's /proc (NaN where there is no /proc). */
final class ProcessMemory {
  private ProcessMemory() {}

  /** Peak resident set size (VmHWM) in MB, or NaN. */
  static double peakRssMb(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
        }
      }
    } catch (IOException | NumberFormatException e) {
      // gone already, or not Linux
    }
    return Double.NaN;
  }
}
