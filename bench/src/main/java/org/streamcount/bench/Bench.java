package org.streamcount.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.streamcount.kafkalocal.LocalBroker;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bin/bench}: every system on the same broker and the same generated input, one after
 * the other, each on fresh topics and fresh state, each result checked against the exact
 * reference table. Throughput: preload the input, launch, time until the output table is exact.
 * Latency: lines at a fixed rate, marker words timed from produce to first output.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "streamcount and its peers, side by side: words/s, start-up, latency, memory, exactness.")
public final class Bench implements Callable<Integer> {
  static final Map<String, String> ALIASES = new LinkedHashMap<>();

  static {
    ALIASES.put("direct", "streamcount on the DirectRunner");
    ALIASES.put("spark", "streamcount on the SparkRunner, local[2]");
    ALIASES.put("spark-throughput", "the same with runner-profiles/spark-local-throughput.properties (2 s batches)");
    ALIASES.put("kafka-streams", "Kafka Streams' WordCountDemo, as shipped");
    ALIASES.put("structured", "Spark Structured Streaming, local[2], complete mode (the seed's listener)");
    ALIASES.put("limit", "a plain KafkaConsumer + HashMap + KafkaProducer");
    ALIASES.put("cluster", "streamcount spark-submitted to a standalone cluster (--cluster-workers)");
  }

  @Option(names = "--systems", split = ",", defaultValue = "direct,spark,kafka-streams,structured,limit",
      description = "Which systems, in order: ${COMPLETION-CANDIDATES}... (default: ${DEFAULT-VALUE}).")
  List<String> systems;

  @Option(names = "--lines", defaultValue = "200000", description = "Input lines (default: ${DEFAULT-VALUE}).")
  long lines;

  @Option(names = "--words-per-line", defaultValue = "10", description = "Words per line (default: ${DEFAULT-VALUE}).")
  int wordsPerLine;

  @Option(names = "--vocabulary", defaultValue = "1000", description = "Distinct words to draw from (default: ${DEFAULT-VALUE}).")
  int vocabulary;

  @Option(names = "--unique-words", description = "Every word different (memory test: distinct words = lines x words per line).")
  boolean uniqueWords;

  @Option(names = "--partitions", defaultValue = "1", description = "Input topic partitions (default: ${DEFAULT-VALUE}).")
  int partitions;

  @Option(names = "--runs", defaultValue = "1", description = "Throughput runs per system; the table shows the median (default: ${DEFAULT-VALUE}).")
  int runs;

  @Option(names = "--latency", description = "Also measure produce-to-output latency at --rate.")
  boolean latency;

  @Option(names = "--rate", defaultValue = "10000", description = "Lines per second in latency runs (default: ${DEFAULT-VALUE}).")
  int rate;

  @Option(names = "--latency-seconds", defaultValue = "30", description = "Length of a latency run (default: ${DEFAULT-VALUE}).")
  int latencySeconds;

  @Option(names = "--heap", defaultValue = "1g", description = "-Xmx of every system's JVM (default: ${DEFAULT-VALUE}).")
  String heap;

  @Option(names = "--timeout", defaultValue = "900", description = "Seconds a run may take before it counts as failed (default: ${DEFAULT-VALUE}).")
  int timeoutSeconds;

  @Option(names = "--cluster-workers", defaultValue = "2", description = "Workers of the standalone cluster (default: ${DEFAULT-VALUE}).")
  int clusterWorkers;

  @Option(names = "--streamcount-option", paramLabel = "--NAME=VALUE",
      description = "Extra pipeline option for the streamcount systems (repeatable), e.g. --streamcount-option=--triggerDelay=5s.")
  List<String> streamcountOptions = new ArrayList<>();

  @Option(names = "--bootstrap-server", description = "Use this broker instead of starting a local one.")
  String bootstrapServer;

  @Option(names = "--quick", description = "CI mode: 2,000 lines, 100 words, every system once, exactness only.")
  boolean quick;

  @Option(names = "--out", defaultValue = "target/bench", description = "Where the JSON and Markdown tables go (default: ${DEFAULT-VALUE}).")
  Path out;

  public static void main(String[] args) {
    System.exit(new CommandLine(new Bench()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    if (quick) {
      lines = 2_000;
      vocabulary = 100;
      runs = 1;
      latency = false;
    }
    Layout layout = Layout.current();
    Workload workload = new Workload(lines, wordsPerLine, vocabulary, uniqueWords, 42);
    Path work = layout.root().resolve(out).resolve("work");
    say("workload: " + workload.describe() + ", " + partitions + " partition(s); computing the reference ...");
    Map<String, Long> reference = workload.reference();
    say("reference: " + String.format(Locale.ROOT, "%,d", reference.size()) + " distinct words");

    LocalBroker broker = null;
    String bootstrap = bootstrapServer;
    if (bootstrap == null) {
      say("starting a Kafka broker (kafka-local) ...");
      broker = LocalBroker.start(layout.root().resolve(out).resolve("kafka-" + ProcessHandle.current().pid()),
          LocalBroker.Options.defaults().withHeap("2g"));
      bootstrap = broker.bootstrapServers();
    }
    List<RunResult> results = new ArrayList<>();
    List<SystemUnderTest> chosen = choose(work);
    try (Admin admin = Admin.create(adminProps(bootstrap)); InputFeeder feeder = new InputFeeder(bootstrap)) {
      int index = 0;
      for (SystemUnderTest system : chosen) {
        index++;
        try {
          for (int run = 1; run <= runs; run++) {
            String label = String.format("[%d/%d] %s, run %d/%d", index, chosen.size(), system.name(), run, runs);
            results.add(new Measurement(layout, bootstrap, admin, feeder, system, label, work, heap, timeoutSeconds)
                .throughput(workload, reference, partitions, run));
          }
          if (latency) {
            String label = String.format("[%d/%d] %s, latency", index, chosen.size(), system.name());
            results.add(new Measurement(layout, bootstrap, admin, feeder, system, label, work, heap, timeoutSeconds)
                .latency(new Workload((long) rate * latencySeconds, wordsPerLine, vocabulary, false, 7), rate, partitions));
          }
        } finally {
          system.shutdown();
        }
      }
    } finally {
      if (broker != null) {
        broker.close();
      }
    }
    Report report = new Report(results, workload.describe() + ", " + partitions + " partition(s)");
    System.out.println();
    System.out.println(report.markdown());
    report.write(layout.root().resolve(out));
    say("written: " + layout.root().resolve(out).resolve("latest.md") + " and latest.json");
    boolean allExact = results.stream().allMatch(RunResult::exact);
    if (!allExact) {
      results.stream().filter(r -> !r.exact()).forEach(r -> say("NOT EXACT: " + r.system() + " " + r.mode() + ": " + r.problem()));
    }
    return allExact ? 0 : 1;
  }

  private List<SystemUnderTest> choose(Path work) {
    List<SystemUnderTest> chosen = new ArrayList<>();
    for (String s : systems) {
      chosen.add(switch (s.trim()) {
        case "direct" -> StreamCountSystem.direct(streamcountOptions);
        case "spark" -> StreamCountSystem.sparkLocal(streamcountOptions);
        case "spark-throughput" -> StreamCountSystem.sparkLocalThroughput(streamcountOptions);
        case "kafka-streams" -> new KafkaStreamsSystem();
        case "structured" -> new StructuredStreamingSystem();
        case "limit" -> new PlainConsumerSystem();
        case "cluster" -> new SparkClusterSystem(clusterWorkers, work.resolve("spark-cluster"), streamcountOptions);
        default -> throw new CommandLine.ParameterException(new CommandLine(this),
            "unknown system '" + s + "'; choose from " + String.join(", ", ALIASES.keySet()));
      });
    }
    return chosen;
  }

  private static Properties adminProps(String bootstrap) {
    Properties p = new Properties();
    p.setProperty("bootstrap.servers", bootstrap);
    return p;
  }

  static void say(String message) {
    System.err.println("bench: " + message);
  }

  /** The reference of a latency run: its workload plus the warm-up and marker words. */
  static Map<String, Long> withExtraWords(Map<String, Long> reference, List<String> extra) {
    Map<String, Long> all = new HashMap<>(reference);
    extra.forEach(w -> all.merge(w, 1L, Long::sum));
    return all;
  }

  static long secondsToNanos(double seconds) {
    return (long) (seconds * TimeUnit.SECONDS.toNanos(1));
  }
}
