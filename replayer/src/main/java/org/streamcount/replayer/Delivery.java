package org.streamcount.replayer;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.streamcount.kafka.BrokerAnswer;
import org.streamcount.kafka.ExitCode;
import org.streamcount.kafka.KafkaTopics;
import org.streamcount.kafka.RootCause;

/**
 * The replayer's one producer: idempotent with acks=all, so a retried send (a broker restart) is
 * never written twice, and nothing is lost silently: every send is checked, the first failure stops
 * the replay, and {@link #close} flushes and fails if anything was not delivered.
 */
final class Delivery implements AutoCloseable {
  private final KafkaOptions kafka;

  /** How often a wait for the broker says it is still waiting. */
  private static final Duration NOTICE_EVERY = Duration.ofSeconds(5);

  /**
   * How long past --timeout the watchdog waits for the producer to fail what it could not deliver
   * before it gives up itself. The producer's delivery timeout (--timeout) does not bound every
   * wait: an idempotent producer that has no producer id yet keeps asking the broker for one and,
   * until it has it, never expires its batches (Kafka's Sender returns before it looks at them).
   * With the broker gone at that moment a flush waited forever (seen: ReplayerFaultIT on a loaded
   * machine, still running 2 minutes after --timeout 5).
   */
  private static final long GIVE_UP_AFTER_MILLIS = 5_000;

  private final Producer<byte[], byte[]> producer;
  private final Progress progress;
  private final PrintWriter echo;
  private final AtomicReference<Exception> firstFailure = new AtomicReference<>();
  private final AtomicLong failed = new AtomicLong();
  private final AtomicLong sent = new AtomicLong();
  private final AtomicLong acknowledged = new AtomicLong();

  /** The last acknowledgement, or the send that ended a time with nothing to wait for. */
  private volatile long lastAckNanos = System.nanoTime();

  private final Thread watchdog;
  private final PrintWriter err;
  private volatile boolean waitingForBroker;
  private volatile boolean closed;

  /** Set by the watchdog once it has counted every waiting send as failed. */
  private volatile boolean gaveUp;

  /** Over a producer of the caller's (tests); {@link #open} makes the real one. */
  Delivery(
      KafkaOptions kafka,
      Producer<byte[], byte[]> producer,
      Progress progress,
      PrintWriter echo,
      PrintWriter err) {
    this.kafka = kafka;
    this.producer = producer;
    this.progress = progress;
    this.echo = echo;
    this.err = err;
    this.watchdog = new Thread(this::watchAcknowledgements, "replayer-watchdog");
    watchdog.setDaemon(true);
    watchdog.start();
  }

  /**
   * The producer retries quietly; say so when the broker stops acknowledging (a restart, a network
   * problem) and when it is back, so nobody stares at a silent terminal.
   */
  private void watchAcknowledgements() {
    while (!closed) {
      try {
        Thread.sleep(1_000);
      } catch (InterruptedException e) {
        return;
      }
      boolean pending = sent.get() > acknowledged.get() + failed.get();
      long silentMillis = (System.nanoTime() - lastAckNanos) / 1_000_000L;
      long silentFor = silentMillis / 1000;
      if (pending && silentMillis >= kafka.timeoutMillis() + GIVE_UP_AFTER_MILLIS) {
        giveUp(silentFor);
        return;
      }
      if (!waitingForBroker && pending && silentFor >= 3) {
        waitingForBroker = true;
        err.println(
            "replayer: no acknowledgement from "
                + kafka.bootstrapServer
                + " for "
                + silentFor
                + " s; the producer retries for up to "
                + Progress.formatDuration(kafka.timeoutMillis() / 1000.0)
                + " (--timeout)");
      } else if (silentFor < 3) {
        brokerIsBack();
      }
    }
  }

  /**
   * Fails the replay with what the user asked for (--timeout) as the cause and every waiting send
   * counted as not delivered, then closes the producer at once: that fails those sends (their
   * callbacks, counted here already), which ends a flush the main thread may be waiting in.
   */
  private void giveUp(long silentFor) {
    gaveUp = true;
    failed.addAndGet(Math.max(0, sent.get() - acknowledged.get() - failed.get()));
    firstFailure.compareAndSet(
        null,
        new TimeoutException(
            "no acknowledgement from "
                + kafka.bootstrapServer
                + " for "
                + silentFor
                + " s (--timeout "
                + Progress.formatDuration(kafka.timeoutMillis() / 1000.0)
                + ")"));
    producer.close(Duration.ZERO);
  }

  private synchronized void brokerIsBack() {
    if (waitingForBroker && firstFailure.get() == null) {
      waitingForBroker = false;
      err.println(
          "replayer: "
              + kafka.bootstrapServer
              + " acknowledges again; nothing lost, nothing sent twice");
    }
  }

  /**
   * Waits (bounded by --timeout) for the broker, creates the topic if missing, opens the producer.
   *
   * @param echo where to print each message, or null for --quiet
   */
  static Delivery open(KafkaOptions kafka, Progress progress, PrintWriter echo, PrintWriter err) {
    return open(kafka, progress, echo, err, null);
  }

  /**
   * @param oldestTimestamp the oldest event time the records will carry (epoch millis), or null
   *     when they carry the time of sending
   */
  static Delivery open(
      KafkaOptions kafka,
      Progress progress,
      PrintWriter echo,
      PrintWriter err,
      Long oldestTimestamp) {
    Properties client = kafka.clientProperties();
    awaitBrokerAndTopic(kafka, client, oldestTimestamp, err);
    Properties p = new Properties();
    p.putAll(client);
    long timeout = kafka.timeoutMillis();
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    p.put(ProducerConfig.BATCH_SIZE_CONFIG, 64 * 1024);
    p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 8 * 1024 * 1024);
    p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeout);
    p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(30_000, timeout - 5));
    p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) Math.min(Integer.MAX_VALUE, timeout));
    try {
      Delivery delivery =
          new Delivery(
              kafka,
              new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer()),
              progress,
              echo,
              err);
      progress.start();
      return delivery;
    } catch (KafkaException e) {
      throw new ReplayException(
          ExitCode.USAGE, "cannot create a Kafka producer: " + RootCause.message(e));
    }
  }

  /** Sends one message; {@code shown} is what the echo prints for it. */
  void send(byte[] key, byte[] value, String shown) {
    send(key, value, shown, null);
  }

  /**
   * Sends one message with its event time ({@code timestamp}, epoch millis; null: the time of
   * sending).
   */
  void send(byte[] key, byte[] value, String shown, Long timestamp) {
    throwIfFailed();
    try {
      if (sent.get() == acknowledged.get() + failed.get()) {
        // nothing was waiting (a pause between rounds, --rate): the broker's silence starts now
        lastAckNanos = System.nanoTime();
      }
      sent.incrementAndGet();
      producer.send(
          new ProducerRecord<>(kafka.topic, null, timestamp, key, value),
          (metadata, error) -> {
            if (error != null) {
              if (!gaveUp) {
                failed.incrementAndGet();
              }
              firstFailure.compareAndSet(null, error);
            } else {
              acknowledged.incrementAndGet();
              lastAckNanos = System.nanoTime();
            }
          });
    } catch (KafkaException | IllegalStateException e) {
      // max.block.ms ran out (no metadata, or the buffer stayed full, for --timeout), or the
      // watchdog gave up and closed the producer
      firstFailure.compareAndSet(null, e);
      failed.incrementAndGet();
      throwIfFailed();
    }
    if (echo != null) {
      echo.println(
          shown != null
              ? shown
              : new String(value == null ? new byte[0] : value, StandardCharsets.UTF_8));
    }
    progress.sent(value == null ? 0 : value.length);
  }

  /** Flushes and checks that every message was acknowledged. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    try {
      producer.flush();
      brokerIsBack();
    } catch (IllegalStateException closedByTheWatchdog) {
      firstFailure.compareAndSet(null, closedByTheWatchdog);
    } finally {
      closed = true;
      watchdog.interrupt();
      producer.close(Duration.ofMillis(kafka.timeoutMillis()));
    }
    throwIfFailed();
  }

  private void throwIfFailed() {
    Exception failure = firstFailure.get();
    if (failure != null) {
      closeQuietly();
      throw new ReplayException(
          ExitCode.FAILED,
          failed.get()
              + " message(s) were not delivered to "
              + kafka.topic
              + " ("
              + progress.messages()
              + " sent before): "
              + RootCause.message(failure));
    }
  }

  private void closeQuietly() {
    if (!closed) {
      closed = true;
      watchdog.interrupt();
      producer.close(Duration.ZERO);
    }
  }

  /**
   * Kafka's time-based retention judges a record by its timestamp: rows stamped with their own
   * (2019) time land in a segment the broker deletes at its next retention check, minutes later
   * (seen: a replay's 101 records gone before a second read). A topic the replayer creates for such
   * records keeps them (retention.ms=-1); an existing topic that would delete them is refused.
   */
  private static void awaitBrokerAndTopic(
      KafkaOptions kafka, Properties client, Long oldestTimestamp, PrintWriter err) {
    Properties p = new Properties();
    p.putAll(client);
    int timeout = (int) Math.min(Integer.MAX_VALUE, kafka.timeoutMillis());
    p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.min(timeout, 5_000));
    p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeout);
    try (Admin admin = Admin.create(p)) {
      Throwable why =
          BrokerAnswer.await(
              admin,
              Duration.ofMillis(timeout),
              NOTICE_EVERY,
              () -> {
                err.println(
                    "replayer: waiting for Kafka at "
                        + kafka.bootstrapServer
                        + " (up to "
                        + Progress.formatDuration(timeout / 1000.0)
                        + ", --timeout) ...");
                err.flush();
              });
      if (why instanceof AuthenticationException) {
        throw new ReplayException(
            ExitCode.KAFKA_UNAVAILABLE,
            "Kafka at "
                + kafka.bootstrapServer
                + " refused the credentials in --command-config: "
                + why.getMessage());
      }
      if (why != null) {
        throw new ReplayException(
            ExitCode.KAFKA_UNAVAILABLE,
            "no Kafka broker answered at "
                + kafka.bootstrapServer
                + " within "
                + Progress.formatDuration(timeout / 1000.0)
                + " (--timeout); is it running? (bin/kafka-local start)");
      }
      NewTopic topic = new NewTopic(kafka.topic, Optional.of(kafka.partitions), Optional.empty());
      if (oldestTimestamp != null) {
        topic.configs(Map.of(TopicConfig.RETENTION_MS_CONFIG, "-1"));
      }
      boolean created;
      try {
        created = KafkaTopics.createIfMissing(admin, topic, Duration.ofMillis(timeout));
      } catch (IllegalStateException e) {
        throw new ReplayException(ExitCode.KAFKA_UNAVAILABLE, e.getMessage());
      }
      if (!created && oldestTimestamp != null) {
        requireRetentionKeeps(admin, kafka.topic, oldestTimestamp, timeout);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ReplayException(ExitCode.FAILED, "interrupted");
    } catch (KafkaException e) {
      throw new ReplayException(
          ExitCode.USAGE, "cannot create a Kafka client: " + RootCause.message(e));
    }
  }

  private static void requireRetentionKeeps(
      Admin admin, String topic, long oldestTimestamp, int timeout) throws InterruptedException {
    long retention;
    try {
      retention =
          Long.parseLong(
              KafkaTopics.setting(
                  admin, topic, TopicConfig.RETENTION_MS_CONFIG, Duration.ofMillis(timeout)));
    } catch (IllegalStateException e) {
      throw new ReplayException(ExitCode.KAFKA_UNAVAILABLE, e.getMessage());
    }
    if (retention >= 0 && oldestTimestamp < System.currentTimeMillis() - retention) {
      throw new ReplayException(
          ExitCode.USAGE,
          "topic "
              + topic
              + " keeps records for retention.ms="
              + retention
              + ", and the oldest row's time is "
              + java.time.Instant.ofEpochMilli(oldestTimestamp)
              + ": the broker would delete them within minutes. Replay into a new topic (created with retention.ms=-1), "
              + "or set retention.ms=-1 on this one");
    }
  }
}
