package org.streamcount.pipeline;

import java.lang.ref.SoftReference;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.beam.sdk.coders.CoderException;
import org.apache.beam.sdk.coders.MapCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.util.CoderUtils;

/**
 * The totals that {@link RunningTotalsFn} keeps in state, decoded, kept in this JVM between firings
 * so that a firing decodes only what it cannot find here: state written by another JVM, or by an
 * attempt of a bundle that failed. Each encoded map in state carries a random version; a decoded
 * map is used only under the version it was written with, so a stale copy is never read.
 *
 * <p>Held by soft references: under memory pressure the JVM drops them and firings decode again.
 */
final class DecodedTotals {
  private static final MapCoder<String, Long> CODER =
      MapCoder.of(StringUtf8Coder.of(), VarLongCoder.of());
  private static final Map<String, Versioned> BY_SLOT = new ConcurrentHashMap<>();

  /** No version: the slot holds nothing yet. */
  static final long NONE = 0;

  private DecodedTotals() {}

  private record Versioned(long version, SoftReference<Map<String, Long>> totals) {}

  /** A new version, never {@link #NONE}. */
  static long newVersion() {
    long v;
    do {
      v = ThreadLocalRandom.current().nextLong();
    } while (v == NONE);
    return v;
  }

  /**
   * The decoded map of a slot at this version, shared: the caller must not change it. Decodes
   * {@code encoded} (and keeps the result) when this JVM has no copy of that version.
   */
  static Map<String, Long> shared(String slot, long version, byte[] encoded) {
    Map<String, Long> totals = lookUp(BY_SLOT.get(slot), version);
    if (totals == null) {
      totals = decode(version, encoded);
      keep(slot, version, totals);
    }
    return totals;
  }

  /**
   * The decoded map of a slot at this version, for the caller alone to change and then {@link
   * #keep} under a new version. Removed from the cache first, so that a bundle that fails after
   * changing it leaves no changed copy behind under the old version.
   */
  static Map<String, Long> exclusive(String slot, long version, byte[] encoded) {
    Map<String, Long> totals = lookUp(BY_SLOT.remove(slot), version);
    return totals != null ? totals : decode(version, encoded);
  }

  /**
   * Keeps a map that was just written to state under this version; the caller no longer changes it.
   */
  static void keep(String slot, long version, Map<String, Long> totals) {
    BY_SLOT.put(slot, new Versioned(version, new SoftReference<>(totals)));
  }

  static byte[] encode(Map<String, Long> totals) {
    try {
      return CoderUtils.encodeToByteArray(CODER, totals);
    } catch (CoderException e) {
      throw new IllegalStateException("cannot encode running totals", e);
    }
  }

  private static Map<String, Long> lookUp(Versioned kept, long version) {
    return kept == null || kept.version() != version ? null : kept.totals().get();
  }

  private static Map<String, Long> decode(long version, byte[] encoded) {
    if (version == NONE || encoded == null) {
      return new HashMap<>();
    }
    try {
      Map<String, Long> decoded = CoderUtils.decodeFromByteArray(CODER, encoded);
      // MapCoder decodes into a HashMap, but an empty map into Collections.emptyMap().
      return decoded instanceof HashMap ? decoded : new HashMap<>(decoded);
    } catch (CoderException e) {
      throw new IllegalStateException("cannot decode running totals", e);
    }
  }
}
