package org.streamcount.pipeline.counts;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.streamcount.kafka.ExitCode;
import org.streamcount.pipeline.EventTimeWindows;
import org.streamcount.pipeline.KafkaClientConfig;
import org.streamcount.pipeline.OutputFormat;
import org.streamcount.pipeline.TableRead;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code bin/counts}: the output topic as a live table, printed batch after batch like Spark's
 * console sink in complete mode (the seed's listener), top words first.
 */
@Command(
    name = "counts",
    mixinStandardHelpOptions = true,
    subcommands = VerifyTable.class,
    description =
        "Shows the word -> count table of streamcount's output topic, refreshed as it changes; "
            + "'counts verify' checks it against the input.")
public final class CountsCommand implements Callable<Integer> {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

  @Mixin TableOptions where;

  @Option(
      names = "--top",
      defaultValue = "20",
      description = "Rows to show (default: ${DEFAULT-VALUE}).")
  int top;

  @Option(
      names = "--window",
      paramLabel = "latest",
      description =
          "For a windowed table (--window=fixed:... in the job): 'latest' shows the top words of the latest "
              + "complete window and of the one still open, by event time, instead of the whole table.")
  String window;

  @Option(
      names = "--refresh",
      defaultValue = "1",
      description = "Seconds between batches (default: ${DEFAULT-VALUE}).")
  double refreshSeconds;

  @Option(
      names = "--exit-when-idle",
      defaultValue = "0",
      paramLabel = "SECONDS",
      description =
          "Exit once the table has not changed for this long after its first update (0 = never).")
  double idleSeconds;

  @Option(
      names = "--duration",
      defaultValue = "0",
      paramLabel = "SECONDS",
      description = "Exit after this long (0 = never).")
  double durationSeconds;

  @Option(
      names = "--until-total",
      defaultValue = "0",
      paramLabel = "WORDS",
      description =
          "Print the table once, when its counts add up to WORDS (the words the pipeline counted, from its "
              + "status line); exit 1 if they do not by --duration (0 = off).")
  long untilTotal;

  private final PrintStream out;
  private final Map<String, Long> table = new HashMap<>();

  public CountsCommand() {
    this(System.out);
  }

  public CountsCommand(PrintStream out) {
    this.out = out;
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new CountsCommand()).execute(args));
  }

  @Override
  public Integer call() throws IOException {
    OutputFormat decoding = where.outputFormat();
    KafkaClientConfig client = where.client();
    long started = System.nanoTime();
    long deadline = durationSeconds > 0 ? started + (long) (durationSeconds * 1e9) : Long.MAX_VALUE;
    try (KafkaConsumer<byte[], byte[]> consumer = client.standaloneConsumer()) {
      List<TopicPartition> partitions = awaitTopic(consumer, deadline);
      if (partitions.isEmpty()) {
        System.err.println(
            "counts: topic " + where.topic + " does not exist (yet) on " + where.bootstrapServer);
        return ExitCode.KAFKA_UNAVAILABLE;
      }
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      int batch = 0;
      long lastChange = 0;
      long updates = 0;
      long nextPrint = System.nanoTime();
      boolean changed = false;
      long total = 0;
      long skipped = 0;
      while (System.nanoTime() < deadline) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          String word = r.key() == null ? null : new String(r.key(), StandardCharsets.UTF_8);
          long before = word == null ? 0 : table.getOrDefault(word, 0L);
          if (!TableRead.apply(r, decoding, table, (old, latest) -> latest)) {
            if (skipped++ == 0) {
              System.err.printf(
                  "counts: skipping records that are not %s counts (the first at %s-%d offset %d)%n",
                  where.format, r.topic(), r.partition(), r.offset());
            }
            continue;
          }
          if (word == null) {
            continue;
          }
          total += table.getOrDefault(word, 0L) - before;
          updates++;
          changed = true;
          lastChange = System.nanoTime();
        }
        if (untilTotal > 0) {
          if (total == untilTotal) {
            print(batch, updates);
            return 0;
          }
          continue;
        }
        if (changed && System.nanoTime() >= nextPrint) {
          print(batch++, updates);
          changed = false;
          nextPrint = System.nanoTime() + (long) (refreshSeconds * 1e9);
        }
        if (idleSeconds > 0
            && lastChange > 0
            && !changed
            && System.nanoTime() - lastChange > idleSeconds * 1e9) {
          break;
        }
      }
      if (untilTotal > 0) {
        print(batch, updates);
        System.err.printf(
            "counts: the table adds up to %,d, not %,d, after %.0f s%n",
            total, untilTotal, durationSeconds);
        return 1;
      }
      if (changed) {
        print(batch, updates);
      }
    }
    return 0;
  }

  private List<TopicPartition> awaitTopic(KafkaConsumer<byte[], byte[]> consumer, long deadline) {
    long giveUp = Math.min(deadline, System.nanoTime() + Duration.ofSeconds(60).toNanos());
    boolean told = false;
    while (true) {
      List<PartitionInfo> infos;
      try {
        infos = consumer.partitionsFor(where.topic, Duration.ofSeconds(5));
      } catch (org.apache.kafka.common.errors.TimeoutException e) {
        infos = List.of();
      }
      if (infos != null && !infos.isEmpty()) {
        List<TopicPartition> partitions = new ArrayList<>();
        infos.forEach(i -> partitions.add(new TopicPartition(where.topic, i.partition())));
        return partitions;
      }
      if (System.nanoTime() > giveUp) {
        return List.of();
      }
      if (!told) {
        System.err.println(
            "counts: waiting for topic " + where.topic + " on " + where.bootstrapServer + " ...");
        told = true;
      }
      try {
        Thread.sleep(500);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return List.of();
      }
    }
  }

  /** One batch, Spark console style: a header with the batch number, then the top rows. */
  void print(int batch, long updates) {
    StringBuilder s = new StringBuilder();
    s.append("-------------------------------------------\n");
    s.append("Batch: ")
        .append(batch)
        .append("  (")
        .append(LocalTime.now().format(TIME))
        .append(", ")
        .append(where.topic)
        .append(")\n");
    s.append("-------------------------------------------\n");
    String read = String.format(", %,d updates read", updates);
    if ("latest".equals(window)) {
      appendLatestWindows(s, read);
    } else {
      appendTop(s, new ArrayList<>(table.entrySet()), read);
    }
    out.print(s);
    out.flush();
  }

  /**
   * Trending words: the windows of a windowed table ({@code word@start} keys), the newest one
   * (still open while its minute lasts) and the one before it (the latest complete), each its top
   * words.
   */
  private void appendLatestWindows(StringBuilder s, String read) {
    java.util.TreeMap<Long, List<Map.Entry<String, Long>>> byWindow = new java.util.TreeMap<>();
    table.forEach(
        (key, count) -> {
          try {
            byWindow
                .computeIfAbsent(EventTimeWindows.startOf(key), k -> new ArrayList<>())
                .add(Map.entry(EventTimeWindows.wordOf(key), count));
          } catch (IllegalArgumentException notWindowed) {
            // an all-time key: not part of any window
          }
        });
    if (byWindow.isEmpty()) {
      s.append("no windowed counts (yet): is the job running with --window=fixed:...?")
          .append(read)
          .append('\n');
      return;
    }
    Map.Entry<Long, List<Map.Entry<String, Long>>> open = byWindow.lastEntry();
    Map.Entry<Long, List<Map.Entry<String, Long>>> complete = byWindow.lowerEntry(open.getKey());
    if (complete != null) {
      s.append("latest complete window, from ")
          .append(java.time.Instant.ofEpochMilli(complete.getKey()))
          .append(":\n");
      appendTop(s, complete.getValue(), "");
    }
    s.append("still open, from ")
        .append(java.time.Instant.ofEpochMilli(open.getKey()))
        .append(":\n");
    appendTop(s, open.getValue(), read);
  }

  /**
   * The top rows of {@code rows} as a table, and how many there are; {@code more} goes into that
   * last line.
   */
  private void appendTop(StringBuilder s, List<Map.Entry<String, Long>> rows, String more) {
    String heading = "word";
    rows.sort(
        Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
            .thenComparing(Map.Entry.comparingByKey()));
    List<Map.Entry<String, Long>> shown = rows.subList(0, Math.min(top, rows.size()));
    int wordWidth =
        Math.max(
            heading.length(),
            shown.stream().mapToInt(e -> display(e.getKey()).length()).max().orElse(4));
    int countWidth =
        Math.max(
            5, shown.stream().mapToInt(e -> Long.toString(e.getValue()).length()).max().orElse(5));
    long total = rows.stream().mapToLong(Map.Entry::getValue).sum();
    String rule = "+" + "-".repeat(wordWidth) + "+" + "-".repeat(countWidth) + "+";
    s.append(rule).append('\n');
    s.append(String.format("|%" + wordWidth + "s|%" + countWidth + "s|%n", heading, "count"));
    s.append(rule).append('\n');
    for (Map.Entry<String, Long> e : shown) {
      s.append(
          String.format(
              "|%" + wordWidth + "s|%" + countWidth + "d|%n", display(e.getKey()), e.getValue()));
    }
    s.append(rule).append('\n');
    s.append(
        String.format(
            "%,d words, %,d counted in total%s%s%n",
            rows.size(),
            total,
            more,
            rows.size() > shown.size() ? " (top " + shown.size() + " shown)" : ""));
  }

  public Map<String, Long> table() {
    return table;
  }

  private static String display(String word) {
    return word.isEmpty() ? "\"\"" : word.length() > 40 ? word.substring(0, 37) + "..." : word;
  }
}
