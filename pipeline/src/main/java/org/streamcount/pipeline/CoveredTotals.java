package org.streamcount.pipeline;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.beam.sdk.coders.CustomCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.coders.VarLongCoder;

/**
 * What a shard's firing publishes when the job tracks coverage: the new totals of the words it
 * changed, with the lines they count; or, as {@link #progress}, the coverage the shard reached,
 * which goes out after the firing's totals (see {@link GrowingTotalsProducer}).
 *
 * <p>One element per firing, not one per word: the words of a firing share their coverage, and a
 * runner pays per element. Spark encodes each output of a stateful step, decodes it for the next
 * step, and keeps the encoded outputs of some 20 micro-batches in memory with the state; with a
 * large vocabulary a firing changes tens of thousands of words.
 */
final class CoveredTotals {
  static final CoveredTotalsCoder CODER = new CoveredTotalsCoder();

  private final List<String> words;
  private final long[] totals;
  private final Coverage covers;

  private CoveredTotals(List<String> words, long[] totals, Coverage covers) {
    this.words = words;
    this.totals = totals;
    this.covers = covers;
  }

  /** A shard's progress: every line of its words that its published totals count. */
  static CoveredTotals progress(Coverage covered) {
    return new CoveredTotals(null, null, covered);
  }

  /** One word's total, with lines of its own. */
  static CoveredTotals one(String word, long total, Coverage covers) {
    return new CoveredTotals(List.of(word), new long[] {total}, covers);
  }

  boolean isProgress() {
    return words == null;
  }

  /** The lines the totals count (for progress: every line of the shard's words). */
  Coverage covers() {
    return covers;
  }

  int size() {
    return isProgress() ? 0 : words.size();
  }

  String word(int i) {
    return words.get(i);
  }

  long total(int i) {
    return totals[i];
  }

  /** Collects the totals of one coverage; built once. */
  static final class Builder {
    private final Coverage covers;
    private final List<String> words = new ArrayList<>();
    private long[] totals = new long[16];

    Builder(Coverage covers) {
      this.covers = covers;
    }

    void add(String word, long total) {
      if (words.size() == totals.length) {
        totals = Arrays.copyOf(totals, totals.length * 2);
      }
      totals[words.size()] = total;
      words.add(word);
    }

    boolean isEmpty() {
      return words.isEmpty();
    }

    CoveredTotals build() {
      return new CoveredTotals(words, Arrays.copyOf(totals, words.size()), covers);
    }
  }

  /** The coverage, then the number of totals (-1: progress), then each word and its total. */
  static final class CoveredTotalsCoder extends CustomCoder<CoveredTotals> {
    private static final long serialVersionUID = 1L;

    @Override
    public void encode(CoveredTotals value, OutputStream out) throws IOException {
      Coverage.CoverageCoder.INSTANCE.encode(value.covers, out);
      VarIntCoder.of().encode(value.isProgress() ? -1 : value.size(), out);
      for (int i = 0; i < value.size(); i++) {
        StringUtf8Coder.of().encode(value.word(i), out);
        VarLongCoder.of().encode(value.total(i), out);
      }
    }

    @Override
    public CoveredTotals decode(InputStream in) throws IOException {
      Coverage covers = Coverage.CoverageCoder.INSTANCE.decode(in);
      int n = VarIntCoder.of().decode(in);
      if (n < 0) {
        return progress(covers);
      }
      List<String> words = new ArrayList<>(n);
      long[] totals = new long[n];
      for (int i = 0; i < n; i++) {
        words.add(StringUtf8Coder.of().decode(in));
        totals[i] = VarLongCoder.of().decode(in);
      }
      return new CoveredTotals(words, totals, covers);
    }
  }
}
