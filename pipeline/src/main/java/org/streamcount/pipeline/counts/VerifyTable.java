package org.streamcount.pipeline.counts;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.streamcount.kafka.ExitCode;
import org.streamcount.pipeline.EventTimeWindows;
import org.streamcount.pipeline.KafkaClientConfig;
import org.streamcount.pipeline.OutputFormat;
import org.streamcount.pipeline.StrictUtf8;
import org.streamcount.pipeline.TableRead;
import org.streamcount.pipeline.Tokenizer;
import org.streamcount.pipeline.WordsTokenizer;
import org.streamcount.pipeline.launch.WindowOption;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code bin/counts verify}: recounts the retained input with the job's tokenizer and compares it
 * with the counts table, word by word. A streaming count is only as trustworthy as a check anyone
 * can run against it; this one needs nothing but the two topics.
 */
@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    description = {
      "Recounts the input topics from their first record, with the job's tokenizer, and compares the "
          + "result with the counts table: matching, missing, wrong and extra words.",
      "Exit codes: 0 the table is exact; 1 it is not; 2 usage; 3 Kafka or a topic is not there; "
          + "4 cannot verify: the input no longer starts at offset 0 (retention deleted lines the table counts).",
      "It assumes the job counted its input from the start (--startFrom=earliest) with the same --tokenizer "
          + "and --maxWordLength."
    })
public final class VerifyTable implements Callable<Integer> {
  private static final Duration PROGRESS_EVERY = Duration.ofSeconds(5);
  private static final Duration KAFKA_TIMEOUT = Duration.ofSeconds(30);

  @Mixin TableOptions where;

  @Option(
      names = "--input-topics",
      split = ",",
      defaultValue = "streams-plaintext-input",
      description = "The job's input topics, comma-separated (default: ${DEFAULT-VALUE}).")
  List<String> inputTopics;

  @Option(
      names = "--tokenizer",
      defaultValue = WordsTokenizer.NAME,
      description =
          "The job's --tokenizer: words, unicode, kafka-demo or split:<regex> (default: ${DEFAULT-VALUE}).")
  String tokenizer;

  @Option(
      names = "--window",
      defaultValue = "global",
      paramLabel = "WINDOWS",
      description =
          "The job's --window: global, fixed:<size> or sliding:<size>,<period>; each record counts in the windows of its timestamp (default: ${DEFAULT-VALUE}).")
  String window;

  @Option(
      names = "--max-word-length",
      defaultValue = "1000",
      description = "The job's --maxWordLength (default: ${DEFAULT-VALUE}).")
  int maxWordLength;

  @Option(
      names = "--wait",
      defaultValue = "30",
      paramLabel = "SECONDS",
      description =
          "How long the table may take to catch up with the input before it counts as wrong (default: ${DEFAULT-VALUE}).")
  double waitSeconds;

  @Option(
      names = "--timeout",
      defaultValue = "600",
      paramLabel = "SECONDS",
      description = "How long reading the input may take (default: ${DEFAULT-VALUE}).")
  double timeoutSeconds;

  @Option(
      names = "--show",
      defaultValue = "10",
      description = "Words shown per kind of difference (default: ${DEFAULT-VALUE}).")
  int show;

  private final PrintStream out;

  public VerifyTable() {
    this(System.out);
  }

  public VerifyTable(PrintStream out) {
    this.out = out;
  }

  /** The words of the input, counted as the job counts them. */
  record Recount(Map<String, Long> counts, long records, long skipped, long words) {}

  /** The table against the recount. */
  record Comparison(
      int matching, Map<String, Long> missing, Map<String, long[]> wrong, Map<String, Long> extra) {
    boolean exact() {
      return missing.isEmpty() && wrong.isEmpty() && extra.isEmpty();
    }

    static Comparison of(Map<String, Long> expected, Map<String, Long> table) {
      int matching = 0;
      Map<String, Long> missing = new TreeMap<>();
      Map<String, long[]> wrong = new TreeMap<>();
      Map<String, Long> extra = new TreeMap<>();
      for (Map.Entry<String, Long> e : expected.entrySet()) {
        Long found = table.get(e.getKey());
        if (found == null) {
          missing.put(e.getKey(), e.getValue());
        } else if (found.longValue() == e.getValue()) {
          matching++;
        } else {
          wrong.put(e.getKey(), new long[] {found, e.getValue()});
        }
      }
      table.forEach(
          (word, count) -> {
            if (!expected.containsKey(word)) {
              extra.put(word, count);
            }
          });
      return new Comparison(matching, missing, wrong, extra);
    }
  }

  @Override
  public Integer call() throws IOException {
    Tokenizer words;
    EventTimeWindows windows;
    try {
      words = Tokenizer.parse(tokenizer);
      windows = WindowOption.parse(window);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(new CommandLine(this), e.getMessage());
    }
    OutputFormat counts = where.outputFormat();
    KafkaClientConfig client = where.client();
    try (KafkaConsumer<byte[], byte[]> consumer = client.standaloneConsumer()) {
      List<TopicPartition> input = new ArrayList<>();
      for (String t : inputTopics) {
        List<TopicPartition> partitions = partitions(consumer, t);
        if (partitions == null) {
          return ExitCode.KAFKA_UNAVAILABLE;
        }
        input.addAll(partitions);
      }
      List<TopicPartition> table = partitions(consumer, where.topic);
      if (table == null) {
        return ExitCode.KAFKA_UNAVAILABLE;
      }
      Map<TopicPartition, Long> firsts =
          new TreeMap<>(java.util.Comparator.comparing(TopicPartition::toString));
      firsts.putAll(consumer.beginningOffsets(input, KAFKA_TIMEOUT));
      firsts.values().removeIf(offset -> offset == 0);
      if (!firsts.isEmpty()) {
        System.err.println(
            "verify: cannot verify: the input no longer starts at offset 0 (retention deleted the lines before); "
                + "it starts at "
                + String.join(
                    ", ",
                    firsts.entrySet().stream()
                        .map(e -> e.getKey() + " offset " + e.getValue())
                        .toList())
                + ". The table still counts those lines; only the job's own guarantees cover them.");
        return ExitCode.BAD_INPUT;
      }
      Recount recount = recount(consumer, input, words, windows);
      if (recount == null) {
        return ExitCode.FAILED;
      }
      say(
          String.format(
              Locale.ROOT,
              "input: %,d records in %s (%,d skipped: null or not UTF-8), %,d words, %,d distinct",
              recount.records(),
              String.join(", ", inputTopics),
              recount.skipped(),
              recount.words(),
              recount.counts().size()));
      Comparison comparison = compareWithTable(consumer, table, counts, recount.counts());
      report(comparison);
      return comparison.exact() ? 0 : ExitCode.FAILED;
    } catch (TimeoutException e) {
      System.err.println(
          "verify: Kafka at " + where.bootstrapServer + " did not answer: " + e.getMessage());
      return ExitCode.KAFKA_UNAVAILABLE;
    }
  }

  /** The topic's partitions; null (after saying why) when it does not exist. */
  private List<TopicPartition> partitions(KafkaConsumer<byte[], byte[]> consumer, String name) {
    List<PartitionInfo> infos = consumer.partitionsFor(name, KAFKA_TIMEOUT);
    if (infos == null || infos.isEmpty()) {
      System.err.println("verify: topic " + name + " does not exist on " + where.bootstrapServer);
      return null;
    }
    return infos.stream().map(i -> new TopicPartition(name, i.partition())).toList();
  }

  /** Every retained input record up to the end it has now, decoded and split as the job does. */
  private Recount recount(
      KafkaConsumer<byte[], byte[]> consumer,
      List<TopicPartition> input,
      Tokenizer words,
      EventTimeWindows windows) {
    StrictUtf8 utf8 = new StrictUtf8();
    Map<String, Long> counts = new HashMap<>();
    long[] totals = new long[3]; // records, skipped, words
    long all =
        consumer.endOffsets(input, KAFKA_TIMEOUT).values().stream()
            .mapToLong(Long::longValue)
            .sum();
    long started = System.nanoTime();
    long[] nextProgress = {started + PROGRESS_EVERY.toNanos()};
    boolean read =
        TableRead.toEnd(
            consumer,
            input,
            KAFKA_TIMEOUT,
            started + (long) (timeoutSeconds * 1e9),
            r -> {
              totals[0]++;
              String line = utf8.decode(r.value());
              if (line == null) {
                totals[1]++;
              } else {
                words.tokenize(
                    line,
                    word -> {
                      if (word.length() <= maxWordLength) {
                        totals[2]++;
                        windows.keysOf(
                            word, r.timestamp(), key -> counts.merge(key, 1L, Long::sum));
                      }
                    });
              }
              if (System.nanoTime() > nextProgress[0]) {
                say(
                    String.format(
                        Locale.ROOT, "reading the input: %,d of %,d records", totals[0], all));
                nextProgress[0] = System.nanoTime() + PROGRESS_EVERY.toNanos();
              }
            });
    if (!read) {
      System.err.printf(
          Locale.ROOT,
          "verify: could not read the input within %.0f s (%,d of %,d records read)%n",
          timeoutSeconds,
          totals[0],
          all);
      return null;
    }
    return new Recount(counts, totals[0], totals[1], totals[2]);
  }

  /**
   * The table (the latest value per word, as a compacted topic keeps it) against the recount, read
   * again as it changes for up to --wait while it differs: a running job may be behind.
   */
  private Comparison compareWithTable(
      KafkaConsumer<byte[], byte[]> consumer,
      List<TopicPartition> partitions,
      OutputFormat counts,
      Map<String, Long> expected) {
    Map<String, Long> table = new HashMap<>();
    long[] undecodable = {0};
    Consumer<ConsumerRecord<byte[], byte[]>> apply =
        r -> {
          if (!TableRead.apply(r, counts, table, (before, now) -> now) && undecodable[0]++ == 0) {
            System.err.printf(
                "verify: %s-%d offset %d holds no %s count; such records are left out%n",
                r.topic(), r.partition(), r.offset(), where.format);
          }
        };
    if (!TableRead.toEnd(
        consumer,
        partitions,
        KAFKA_TIMEOUT,
        System.nanoTime() + (long) (timeoutSeconds * 1e9),
        apply)) {
      System.err.printf(
          Locale.ROOT,
          "verify: could not read the table within %.0f s; comparing what was read%n",
          timeoutSeconds);
    }
    Comparison comparison = Comparison.of(expected, table);
    long waitUntil = System.nanoTime() + (long) (waitSeconds * 1e9);
    if (!comparison.exact() && waitSeconds > 0) {
      say(
          String.format(
              Locale.ROOT,
              "the table differs in %,d words; waiting up to %.0f s for the job to catch up ...",
              comparison.missing().size() + comparison.wrong().size() + comparison.extra().size(),
              waitSeconds));
    }
    // the job may still be writing: go on reading from where the read to the end stopped
    while (!comparison.exact() && System.nanoTime() < waitUntil) {
      consumer.poll(Duration.ofMillis(200)).forEach(apply);
      comparison = Comparison.of(expected, table);
    }
    return comparison;
  }

  private void report(Comparison c) {
    c.missing().entrySet().stream()
        .limit(show)
        .forEach(e -> out.printf("missing: %s (input %,d)%n", e.getKey(), e.getValue()));
    c.wrong().entrySet().stream()
        .limit(show)
        .forEach(
            e ->
                out.printf(
                    "wrong:   %s (table %,d, input %,d)%n",
                    e.getKey(), e.getValue()[0], e.getValue()[1]));
    c.extra().entrySet().stream()
        .limit(show)
        .forEach(
            e ->
                out.printf(
                    "extra:   %s (table %,d, not in the input)%n", e.getKey(), e.getValue()));
    out.printf(
        Locale.ROOT,
        "%s: %,d matching, %,d missing, %,d wrong, %,d extra%n",
        c.exact() ? "EXACT" : "NOT EXACT",
        c.matching(),
        c.missing().size(),
        c.wrong().size(),
        c.extra().size());
    out.flush();
  }

  private static void say(String message) {
    System.err.println("verify: " + message);
  }
}
