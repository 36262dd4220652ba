package org.streamcount.kafkalocal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.streamcount.kafka.KafkaTopics;

/**
 * kafka-toolkit's topic chores against a real broker (this module starts one; the toolkit has none
 * of its own).
 */
class KafkaTopicsIT {

  private static final int ROUNDS = 12;
  private static final int PARTITIONS = 3;
  private static final int RECORDS_PER_PARTITION = 400;

  /**
   * The moment after CreateTopics is answered is when an idempotent producer could lose its first
   * request to a partition (KAFKA-15591): many small requests in flight, sent at once, every record
   * must arrive, round after round.
   */
  @Test
  void aTopicJustCreatedTakesEveryRecordSentToItAtOnce(@TempDir Path dir) throws Exception {
    try (LocalBroker broker = LocalBroker.start(dir);
        Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()));
        KafkaProducer<byte[], byte[]> producer = eagerProducer(broker.bootstrapServers())) {
      for (int round = 0; round < ROUNDS; round++) {
        String topic = "fresh-" + round;
        boolean created =
            KafkaTopics.createIfMissing(
                admin, new NewTopic(topic, PARTITIONS, (short) 1), Duration.ofSeconds(30));
        assertThat(created).isTrue();
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        for (int i = 0; i < RECORDS_PER_PARTITION * PARTITIONS; i++) {
          sent.add(producer.send(new ProducerRecord<>(topic, i % PARTITIONS, null, new byte[40])));
        }
        producer.flush();
        for (Future<RecordMetadata> f : sent) {
          f.get(30, TimeUnit.SECONDS);
        }
        Map<TopicPartition, OffsetSpec> ends = new HashMap<>();
        for (int p = 0; p < PARTITIONS; p++) {
          ends.put(new TopicPartition(topic, p), OffsetSpec.latest());
        }
        admin
            .listOffsets(ends)
            .all()
            .get(30, TimeUnit.SECONDS)
            .values()
            .forEach(end -> assertThat(end.offset()).isEqualTo(RECORDS_PER_PARTITION));
      }
      // an existing topic is left as it is
      assertThat(
              KafkaTopics.createIfMissing(
                  admin, new NewTopic("fresh-0", 1, (short) 1), Duration.ofSeconds(30)))
          .isFalse();
    }
  }

  /** Many small requests per partition in flight at once: the shape that loses records. */
  private static KafkaProducer<byte[], byte[]> eagerProducer(String bootstrap) {
    Properties p = new Properties();
    p.setProperty("bootstrap.servers", bootstrap);
    p.setProperty("enable.idempotence", "true");
    p.setProperty("acks", "all");
    p.setProperty("max.in.flight.requests.per.connection", "5");
    p.setProperty("linger.ms", "0");
    p.setProperty("batch.size", "200");
    // a lost request shows as an expired send, in seconds rather than minutes
    p.setProperty("delivery.timeout.ms", "15000");
    p.setProperty("request.timeout.ms", "10000");
    return new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
  }
}
