package org.streamcount.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * The counts table's producer, on Kafka's MockProducer: what reaches Kafka, and what a failure
 * reopens.
 */
class GrowingTotalsProducerTest {
  private static final OutputFormat FORMAT = OutputFormat.LONG;

  private static ProducerRecord<String, byte[]> total(String word, long count) {
    return new ProducerRecord<>("counts", word, FORMAT.encode(word, count));
  }

  private static List<Long> sentTotals(MockProducer<String, byte[]> kafka, String word) {
    return kafka.history().stream()
        .filter(r -> r.key().equals(word))
        .map(r -> FORMAT.decode(r.value()))
        .toList();
  }

  @Test
  void aFailedSendIsSentAgainByTheRetryAndOnlyThen() throws Exception {
    MockProducer<String, byte[]> kafka =
        new MockProducer<>(false, new StringSerializer(), new ByteArraySerializer());
    GrowingTotalsProducer producer =
        new GrowingTotalsProducer(
            kafka, PublishedTotalsTest.startingWith(Map.of("kafka", 3L)), FORMAT, null);
    AtomicInteger failures = new AtomicInteger();

    producer.send(total("kafka", 5), (m, e) -> failures.addAndGet(e == null ? 0 : 1));
    producer.send(total("kafka", 5));
    producer.send(total("kafka", 4));
    assertThat(sentTotals(kafka, "kafka"))
        .as("in flight: the equal and the lower are not sent")
        .containsExactly(5L);

    assertThat(kafka.errorNext(new TimeoutException("broker gone"))).isTrue();
    assertThat(failures)
        .as("the writer still hears of the failure, and fails its bundle")
        .hasValue(1);

    // the retried bundle holds the same total: before the fix it was taken as already published
    Future<?> retry = producer.send(total("kafka", 5));
    assertThat(sentTotals(kafka, "kafka")).containsExactly(5L, 5L);
    assertThat(kafka.completeNext()).isTrue();
    assertThat(retry.get(1, TimeUnit.SECONDS)).isNotNull();
    producer.send(total("kafka", 5));
    assertThat(sentTotals(kafka, "kafka")).as("acknowledged: not again").containsExactly(5L, 5L);
  }

  @Test
  void aTotalNotSentCompletesAsSuccessForTheWriter() throws Exception {
    MockProducer<String, byte[]> kafka =
        new MockProducer<>(true, new StringSerializer(), new ByteArraySerializer());
    GrowingTotalsProducer producer =
        new GrowingTotalsProducer(
            kafka, PublishedTotalsTest.startingWith(Map.of("kafka", 9L)), FORMAT, null);
    List<Exception> seen = new ArrayList<>();
    Future<?> stale = producer.send(total("kafka", 8), (m, e) -> seen.add(e));
    assertThat(stale.isDone()).isTrue();
    assertThat(seen).containsExactly((Exception) null);
    assertThat(kafka.history()).isEmpty();
  }

  @Test
  void totalsOfOneWordFromManyThreadsReachKafkaInIncreasingOrder() throws Exception {
    MockProducer<String, byte[]> kafka =
        new MockProducer<>(true, new StringSerializer(), new ByteArraySerializer());
    GrowingTotalsProducer producer =
        new GrowingTotalsProducer(kafka, PublishedTotalsTest.startingWith(Map.of()), FORMAT, null);
    int threads = 4;
    int perThread = 20_000;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Future<?>> done = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int first = t + 1;
      // each thread sends its own increasing run of totals, interleaved with the others' runs
      done.add(
          pool.submit(
              () -> {
                for (long total = first; total <= (long) threads * perThread; total += threads) {
                  producer.send(total("word", total));
                }
              }));
    }
    for (Future<?> f : done) {
      f.get(1, TimeUnit.MINUTES);
    }
    pool.shutdown();
    List<Long> sent = sentTotals(kafka, "word");
    for (int i = 1; i < sent.size(); i++) {
      assertThat(sent.get(i)).as("total %d of %d", i, sent.size()).isGreaterThan(sent.get(i - 1));
    }
    assertThat(sent.get(sent.size() - 1)).isEqualTo((long) threads * perThread);
  }
}
