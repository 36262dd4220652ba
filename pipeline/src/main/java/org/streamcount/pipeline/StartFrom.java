package org.streamcount.pipeline;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * What a start does with the table the output topic already holds, and so where it reads.
 *
 * <ul>
 *   <li>{@code resume} (default): continue the table. The job counts the retained input from its
 *       start again (the DirectRunner keeps no state; Spark resumes from its checkpoint if it has
 *       one) and publishes only totals above the table's, so the table ends exact. It needs the
 *       whole input the table counts: a partition whose first lines are gone is refused.
 *   <li>{@code latest}: continue the table, counting only the lines that arrive from now on: each
 *       word's total is the table's at the start plus what this run counts.
 *   <li>{@code earliest}: recount the retained input into an empty table; a table with totals is
 *       refused unless {@code --resetTable} empties it first (a recount into it would go
 *       backwards).
 * </ul>
 */
public enum StartFrom {
  RESUME,
  LATEST,
  EARLIEST;

  /** Options are written in lower case on the command line: {@code --startFrom=earliest}. */
  @JsonCreator
  public static StartFrom parse(String value) {
    if ("committed".equalsIgnoreCase(value)) {
      throw new IllegalArgumentException(
          "--startFrom=committed is gone: it continued from a consumer group's offsets "
              + "while the counts started from zero, so the table was neither the old counts plus the new ones nor a "
              + "recount; use resume (the default), latest or earliest");
    }
    return EnumOption.parse(StartFrom.class, "--startFrom", value);
  }

  @JsonValue
  @Override
  public String toString() {
    return EnumOption.show(this);
  }
}
