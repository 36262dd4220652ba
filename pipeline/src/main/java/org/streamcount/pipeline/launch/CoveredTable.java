package org.streamcount.pipeline.launch;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.header.Header;
import org.streamcount.pipeline.Coverage;
import org.streamcount.pipeline.KafkaClientConfig;
import org.streamcount.pipeline.OutputFormat;
import org.streamcount.pipeline.TableRead;

/**
 * The counts table as the output topic holds it when a job starts: each word's total and, where its
 * latest record says so, the lines that total counts ({@link Coverage#HEADER}; a table written
 * before coverage was tracked has none).
 *
 * @param totals word -> total (the highest published, as the published-total guard keeps it)
 * @param covers word -> the lines its latest record counts
 */
record CoveredTable(Map<String, Long> totals, Map<String, Coverage> covers) {
  static CoveredTable read(
      KafkaClientConfig kafka, String topic, OutputFormat format, Duration timeout) {
    Map<String, Long> totals = new HashMap<>();
    Map<String, Coverage> covers = new HashMap<>();
    // most words share the coverage of the firing that last changed them: decoded once each
    Map<String, Coverage> decoded = new HashMap<>();
    TableRead.wholeTopic(
        kafka,
        topic,
        timeout,
        r -> {
          if (r.key() == null || !TableRead.apply(r, format, totals, Math::max)) {
            return;
          }
          String word = new String(r.key(), StandardCharsets.UTF_8);
          Header header = r.headers().lastHeader(Coverage.HEADER);
          if (r.value() == null || header == null) {
            covers.remove(word);
          } else {
            String text = new String(header.value(), StandardCharsets.UTF_8);
            covers.put(word, decoded.computeIfAbsent(text, Coverage::decode));
          }
        });
    return new CoveredTable(totals, covers);
  }

  boolean isEmpty() {
    return totals.isEmpty();
  }

  /** Whether every word's total says which lines it counts. */
  boolean everyTotalCovered() {
    return covers.keySet().containsAll(totals.keySet());
  }
}
