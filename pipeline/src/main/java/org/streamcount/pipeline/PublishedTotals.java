package org.streamcount.pipeline;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The highest total published per word: what the output topic held when this JVM first needed it,
 * then every total this JVM sent. One instance per output topic per JVM, shared by every {@link
 * EncodeGrowingTotalsFn} and {@link GrowingTotalsProducer} in it.
 *
 * <p>A total counts as published once it is handed to the producer, so an equal total is not sent
 * twice while the first is in flight; if Kafka then refuses it, the word is marked so that the same
 * total may be sent again (a retried bundle does), not only a higher one. Without the mark, a retry
 * would see its own failed total as already published and the word would stay below its count until
 * it occurred again.
 */
public final class PublishedTotals {
  private static final Logger LOG = LoggerFactory.getLogger(PublishedTotals.class);
  private static final Map<String, PublishedTotals> PER_TOPIC = new ConcurrentHashMap<>();
  private static final int STRIPES = 64;
  private static final long NEVER = Long.MIN_VALUE;

  /** How long a JVM may take to read the table back before it gives up. */
  public static final Duration LOAD_TIMEOUT = Duration.ofMinutes(5);

  /**
   * Per word: t > 0, t was sent; t < 0, -t was sent and failed, so -t may be sent again; {@link
   * #NEVER} or none, never sent. In stripes by word, each guarded by itself and held only for a
   * lookup or an update. Not a {@code ConcurrentHashMap<String, Long>}: with a million words its
   * nodes, and a new boxed total for every update, all long-lived, filled the old generation, and
   * Spark counted 20M Zipf words 14% slower (performance-notes.md, "Large vocabularies").
   */
  private final WordCounts[] highest = new WordCounts[STRIPES];

  /** Per stripe, held over a word's check and its send, so that a word's sends keep their order. */
  private final Object[] sendLocks = new Object[STRIPES];

  private PublishedTotals(Map<String, Long> loaded) {
    for (int i = 0; i < STRIPES; i++) {
      highest[i] = new WordCounts(loaded.size() / STRIPES + 16);
      sendLocks[i] = new Object();
    }
    loaded.forEach((word, total) -> highest[stripe(word)].put(word, total));
  }

  /** Reads the output topic once per JVM (bounded by {@code timeout}) and shares it. */
  static PublishedTotals of(
      KafkaClients clients, String topic, OutputFormat format, Duration timeout) {
    return PER_TOPIC.computeIfAbsent(
        clients.bootstrapServers() + "/" + topic,
        key -> new PublishedTotals(clients.readTable(topic, format, timeout)));
  }

  /**
   * What the launch just read of the table: the workers of this JVM need not read it again. It
   * replaces what an earlier job in this JVM left, which --resetTable may have emptied since.
   */
  public static void remember(KafkaClients clients, String topic, Map<String, Long> table) {
    PER_TOPIC.put(clients.bootstrapServers() + "/" + topic, new PublishedTotals(table));
  }

  /**
   * Whether {@code total} would not be sent: lower than, or equal to, a total already sent (for a
   * final total: lower than one).
   */
  boolean isStale(String word, long total, boolean isFinal) {
    WordCounts stripe = highest[stripe(word)];
    synchronized (stripe) {
      return !grows(stripe.get(word, NEVER), total, isFinal);
    }
  }

  /**
   * Runs {@code send} if {@code total} is higher than every total of {@code word} sent before (or
   * equals one whose send failed; a final total also when it equals the last one sent: it marks
   * that total as final). The check and the send are one step per word, so of two threads with
   * totals of one word the lower can never be handed to the producer after the higher: through one
   * producer, a word's totals then land in increasing order.
   *
   * @return false, and nothing sent, for a stale or already published total
   */
  boolean sendIfHigher(String word, long total, boolean isFinal, Runnable send) {
    int index = stripe(word);
    WordCounts stripe = highest[index];
    synchronized (sendLocks[index]) {
      long before;
      synchronized (stripe) {
        before = stripe.get(word, NEVER);
        if (!grows(before, total, isFinal)) {
          return false;
        }
        stripe.put(word, total);
      }
      try {
        send.run();
      } catch (RuntimeException | Error notSent) {
        // back to what it was; a total that was in flight then may have failed meanwhile, so allow
        // it again
        synchronized (stripe) {
          if (stripe.get(word, NEVER) == total) {
            stripe.put(word, before == NEVER ? NEVER : -Math.abs(before));
          }
        }
        throw notSent;
      }
      return true;
    }
  }

  /**
   * Kafka refused {@code total} of {@code word}: unless a higher total was sent since, the same
   * total may be sent again. Called from the producer's callback, so it takes its stripe only for
   * the update, and no send lock (a thread holding one may be waiting for that producer).
   */
  void sendFailed(String word, long total) {
    WordCounts stripe = highest[stripe(word)];
    synchronized (stripe) {
      if (stripe.get(word, NEVER) == total) {
        stripe.put(word, -total);
      }
    }
  }

  private static int stripe(String word) {
    return CountWords.shardOfHash(word.hashCode(), STRIPES);
  }

  private static boolean grows(long published, long total, boolean isFinal) {
    return published == NEVER
        || total > Math.abs(published)
        || ((published < 0 || isFinal) && total == Math.abs(published));
  }

  /**
   * Every record of the topic up to its end when called: the latest value per word is its total.
   */
  public static Map<String, Long> load(
      KafkaClientConfig kafka, String topic, OutputFormat format, Duration timeout) {
    Map<String, Long> totals = new HashMap<>();
    long started = System.nanoTime();
    // a record some other producer wrote says nothing about our totals: left out
    TableRead.wholeTopic(kafka, topic, timeout, r -> TableRead.apply(r, format, totals, Math::max));
    if (!totals.isEmpty()) {
      LOG.info(
          "{} already holds totals for {} words (read in {} ms): lower or equal totals are not published again",
          topic,
          totals.size(),
          (System.nanoTime() - started) / 1_000_000);
    }
    return totals;
  }
}
