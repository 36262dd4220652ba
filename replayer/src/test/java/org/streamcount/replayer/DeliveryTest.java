package org.streamcount.replayer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.streamcount.kafka.ExitCode;

class DeliveryTest {

  /**
   * Kafka's producer as it is when the broker went away before it got its producer id: nothing
   * completes and a flush waits until the producer is closed, which fails what was waiting.
   */
  private static final class StuckProducer extends MockProducer<byte[], byte[]> {
    private final CountDownLatch closed = new CountDownLatch(1);

    StuckProducer() {
      super(false, null, new ByteArraySerializer(), new ByteArraySerializer());
    }

    @Override
    public void flush() {
      try {
        closed.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    @Override
    public void close(Duration timeout) {
      while (errorNext(new KafkaException("Producer is closed forcefully."))) {
        // every send still waiting fails
      }
      super.close(timeout);
      closed.countDown();
    }
  }

  /**
   * A pause longer than --timeout + 5 s with nothing to send (--interval between CSV rounds) is no
   * silence of the broker's: the next send, acknowledged a moment later, does not fail the replay.
   */
  @Test
  void aLongPauseBetweenSendsIsNotTakenForASilentBroker() throws Exception {
    KafkaOptions kafka = options();
    MockProducer<byte[], byte[]> producer =
        new MockProducer<>(false, null, new ByteArraySerializer(), new ByteArraySerializer());
    PrintWriter err = new PrintWriter(new StringWriter(), true);
    Delivery delivery = new Delivery(kafka, producer, new Progress(err, kafka.topic, 2), null, err);
    delivery.send(null, line(0), null);
    producer.completeNext();
    Thread.sleep(kafka.timeoutMillis() + 6_000);
    delivery.send(null, line(1), null);
    // the watchdog looks (every second) while the second send waits for its acknowledgement
    Thread.sleep(1_500);
    producer.completeNext();
    delivery.close();
    assertThat(producer.history()).hasSize(2);
  }

  /** A hang guard, not a speed check: without the watchdog's bound this test never ends. */
  @Test
  @Timeout(value = 2, unit = TimeUnit.MINUTES)
  void aProducerThatNeverAnswersFailsTheReplayAfterTheTimeout() {
    KafkaOptions kafka = options();
    StringWriter err = new StringWriter();
    PrintWriter errWriter = new PrintWriter(err, true);
    Delivery delivery =
        new Delivery(
            kafka, new StuckProducer(), new Progress(errWriter, kafka.topic, 3), null, errWriter);
    for (int i = 0; i < 3; i++) {
      delivery.send(null, line(i), null);
    }

    assertThatThrownBy(delivery::close)
        .isInstanceOfSatisfying(
            ReplayException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.FAILED))
        .hasMessageContaining("3 message(s) were not delivered to lines")
        .hasMessageContaining("no acknowledgement from 127.0.0.1:1");
    // the watchdog looks once a second, so a busy machine can make its first look 4 s or later
    assertThat(err.toString())
        .containsPattern("replayer: no acknowledgement from 127\\.0\\.0\\.1:1 for [3-9] s;");
  }

  /** --timeout 1 (its least) towards a broker that is never reached. */
  private static KafkaOptions options() {
    KafkaOptions kafka = new KafkaOptions();
    kafka.bootstrapServer = "127.0.0.1:1";
    kafka.topic = "lines";
    kafka.timeoutSeconds = 1;
    return kafka;
  }

  private static byte[] line(int i) {
    return ("line " + i).getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }
}
