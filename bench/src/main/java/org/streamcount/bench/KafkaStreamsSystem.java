package org.streamcount.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Kafka Streams' WordCountDemo from kafka-streams-examples: its topology, its fixed topic names. As
 * shipped, the demo turns its record cache off so that every single update reaches the output;
 * cached, it gets Kafka Streams' own defaults back (a 10 MB cache) with a 1 s commit interval, the
 * freshness of the Spark rows' 1 s micro-batches. Only bootstrap.servers, state.dir and a fresh
 * application.id per run are set besides (the demo keeps whatever the properties file gives).
 */
final class KafkaStreamsSystem extends SystemUnderTest {
  static final String INPUT = "streams-plaintext-input";
  static final String OUTPUT = "streams-wordcount-output";

  private final boolean cached;

  private KafkaStreamsSystem(boolean cached) {
    this.cached = cached;
  }

  static KafkaStreamsSystem asShipped() {
    return new KafkaStreamsSystem(false);
  }

  static KafkaStreamsSystem cached() {
    return new KafkaStreamsSystem(true);
  }

  @Override
  String name() {
    return cached ? "kafka-streams-wordcountdemo-cached" : "kafka-streams-wordcountdemo";
  }

  @Override
  Topics topics(String runId) {
    return new Topics(INPUT, OUTPUT);
  }

  @Override
  void prepare(Admin admin, Topics topics, int partitions) throws Exception {
    Set<String> existing = admin.listTopics().names().get(60, TimeUnit.SECONDS);
    List<String> stale =
        existing.stream()
            .filter(t -> t.equals(INPUT) || t.equals(OUTPUT) || t.startsWith("bench-wcd-"))
            .toList();
    if (!stale.isEmpty()) {
      admin.deleteTopics(stale).all().get(60, TimeUnit.SECONDS);
      awaitGone(admin, stale);
    }
    createNew(admin, new NewTopic(INPUT, Optional.of(partitions), Optional.empty()));
    createNew(admin, new NewTopic(OUTPUT, Optional.of(partitions), Optional.empty()));
  }

  private static void awaitGone(Admin admin, List<String> topics) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      try {
        admin.describeTopics(topics).allTopicNames().get(10, TimeUnit.SECONDS);
      } catch (ExecutionException e) {
        if (e.getCause() instanceof UnknownTopicOrPartitionException) {
          Set<String> left = admin.listTopics().names().get(10, TimeUnit.SECONDS);
          if (topics.stream().noneMatch(left::contains)) {
            return;
          }
        }
      }
      Thread.sleep(200);
    }
  }

  @Override
  Process launch(Layout layout, String bootstrap, Topics topics, Path workDir, SystemJvm jvm)
      throws Exception {
    Files.createDirectories(workDir);
    Path props = workDir.resolve("wordcount.properties");
    List<String> settings =
        new ArrayList<>(
            List.of(
                "bootstrap.servers=" + bootstrap,
                "state.dir=" + workDir.resolve("state"),
                // internal topics are named after the application id: "bench-wcd-" lets prepare()
                // clean them
                "application.id=bench-wcd-" + workDir.getFileName()));
    if (cached) {
      settings.addAll(List.of("statestore.cache.max.bytes=10485760", "commit.interval.ms=1000"));
    }
    Files.writeString(props, String.join("\n", settings));
    List<String> command = jvm.javaCommand();
    command.addAll(
        List.of(
            "-Dlog4j2.configurationFile=kafka-local-log4j2.properties",
            "-Dstreamcount.kafka.log=" + workDir.resolve("streams.log"),
            "-cp",
            layout.kafkaClasspath(),
            "org.apache.kafka.streams.examples.wordcount.WordCountDemo",
            props.toString()));
    return start(command, workDir, Map.of());
  }
}
