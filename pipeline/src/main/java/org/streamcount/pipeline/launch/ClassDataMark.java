package org.streamcount.pipeline.launch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells {@code bin/streamcount} that this launch started a job. The first launch of a kind writes,
 * as it exits, the class-data archive that later launches map ({@code class_data_sharing} in
 * bin/lib/build.sh), and it archives the classes it loaded. One that ended before a job ran ({@code
 * --help}, a bad option, a broker that never answered) loaded a fraction of them, and every later
 * launch would map that fraction and load the rest from the jars: with the archive of a launch that
 * found no broker, the DirectRunner's first count was out after 3.7-3.9 s instead of 3.0-3.1 s
 * ({@code bin/bench --systems defaults --lines 20000}). So the launcher keeps an archive only
 * beside this mark.
 */
final class ClassDataMark {
  private static final Logger LOG = LoggerFactory.getLogger(ClassDataMark.class);

  /** Where the launcher wants the mark; unset when this launch writes no archive. */
  private static final String PROPERTY = "streamcount.classDataMark";

  private ClassDataMark() {}

  static void jobStarted() {
    String mark = System.getProperty(PROPERTY, "");
    if (mark.isEmpty()) {
      return;
    }
    try {
      Files.write(Path.of(mark), new byte[0]);
    } catch (IOException e) {
      // no mark, no archive: the next launch writes one again
      LOG.debug("cannot write the class-data mark {}: {}", mark, e.toString());
    }
  }
}
