package org.streamcount.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * What the bench gives every system's JVM, the same for all: the heap, then any {@code
 * --jvm-option}.
 */
record SystemJvm(String heap, List<String> options) {
  SystemJvm {
    options = List.copyOf(options);
  }

  /** The JVM's command-line options. */
  List<String> flags() {
    List<String> flags = new ArrayList<>(List.of("-Xmx" + heap));
    flags.addAll(options);
    return flags;
  }

  /** The start of a system's command line, for the caller to go on with: java, then the flags. */
  List<String> javaCommand() {
    List<String> command = new ArrayList<>(List.of(Layout.java()));
    command.addAll(flags());
    return command;
  }
}
