package org.streamcount.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.streamcount.kafkalocal.LocalBroker;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bin/bench}: every system on the same broker and the same generated input, one after the
 * other, each on fresh topics and fresh state, each result checked against the exact reference
 * table. Throughput: preload the input, launch, time until the output table is exact. Latency:
 * lines at a fixed rate, marker words timed from produce to first output.
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description =
        "streamcount and its peers, side by side: words/s, start-up, latency, memory, exactness.")
public final class Bench implements Callable<Integer> {
  static final Map<String, String> ALIASES = new LinkedHashMap<>();

  static {
    ALIASES.put(
        "defaults",
        "streamcount with no profile and no flags: what bin/streamcount gives (DirectRunner)");
    ALIASES.put("direct", "streamcount with runner-profiles/direct.properties");
    ALIASES.put(
        "spark",
        "streamcount with runner-profiles/spark-local.properties (SparkRunner, local[2], 1 s batches)");
    ALIASES.put(
        "spark-throughput",
        "streamcount with runner-profiles/spark-local-throughput.properties (2 s batches)");
    ALIASES.put(
        "structured",
        "Spark Structured Streaming, local[2], the seed's query (complete mode, Kafka sink), "
            + "shuffle partitions = cores (Spark's tuning guide)");
    ALIASES.put(
        "structured-200",
        "the same with Spark's default 200 shuffle partitions, as the seed ran it");
    ALIASES.put("structured-update", "the tuned query in update mode (only changed rows written)");
    ALIASES.put("kafka-streams", "Kafka Streams' WordCountDemo, as shipped (record cache off)");
    ALIASES.put(
        "kafka-streams-cached",
        "WordCountDemo with Kafka Streams' default 10 MB record cache, 1 s commit interval");
    ALIASES.put("limit", "a plain KafkaConsumer + HashMap + KafkaProducer");
    ALIASES.put(
        "cluster", "streamcount spark-submitted to a standalone cluster (--cluster-workers)");
  }

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--systems",
      split = ",",
      defaultValue =
          "defaults,direct,spark,spark-throughput,structured,structured-200,structured-update,kafka-streams,"
              + "kafka-streams-cached,limit",
      description = "Which systems, in order (default: ${DEFAULT-VALUE}); see the list below.")
  List<String> systems;

  @Option(
      names = "--lines",
      defaultValue = "200000",
      description = "Input lines (default: ${DEFAULT-VALUE}).")
  long lines;

  @Option(
      names = "--words-per-line",
      defaultValue = "10",
      description = "Words per line (default: ${DEFAULT-VALUE}).")
  int wordsPerLine;

  @Option(
      names = "--vocabulary",
      defaultValue = "1000",
      description = "Distinct words to draw from (default: ${DEFAULT-VALUE}).")
  int vocabulary;

  @Option(
      names = "--distribution",
      defaultValue = "uniform",
      description =
          "How words are drawn from the vocabulary: uniform, zipf (a head of frequent words and a long tail, "
              + "as in real text) or unique (every word different) (default: ${DEFAULT-VALUE}).")
  String distribution;

  @Option(
      names = "--zipf-exponent",
      defaultValue = "1.0",
      description = "s of --distribution=zipf (default: ${DEFAULT-VALUE}).")
  double zipfExponent;

  @Option(names = "--unique-words", description = "The same as --distribution=unique.")
  boolean uniqueWords;

  @Option(
      names = "--stay-exact",
      defaultValue = "10",
      paramLabel = "SECONDS",
      description =
          "How long a table must stay exact after it first is (no total down, none doubled) (default: ${DEFAULT-VALUE}).")
  int stayExactSeconds;

  @Option(
      names = "--publish",
      description = "Also write the report to docs/performance.md, as the section of this command.")
  boolean publish;

  @Option(
      names = "--partitions",
      defaultValue = "1",
      description = "Input topic partitions (default: ${DEFAULT-VALUE}).")
  int partitions;

  @Option(
      names = "--warm-up",
      defaultValue = "true",
      negatable = true,
      fallbackValue = "true",
      description =
          "Before its timed runs, run each system once untimed on 2,000 lines: a first launch pays for what later "
              + "launches reuse (streamcount writes its class-data archive then, every JVM reads its jars from disk) "
              + "(default: ${DEFAULT-VALUE}).")
  boolean warmUp;

  @Option(
      names = "--runs",
      defaultValue = "3",
      description =
          "Throughput runs per system; the table shows the median (default: ${DEFAULT-VALUE}).")
  int runs;

  @Option(
      names = "--window-minutes",
      defaultValue = "0",
      paramLabel = "N",
      description =
          "Count per N-minute window of event time: the lines are stamped over an hour of 2019, in order, "
              + "and the table is word@window-start; streamcount and Structured Streaming systems only "
              + "(default: 0, all-time counts).")
  int windowMinutes;

  @Option(names = "--latency", description = "Also measure produce-to-output latency at --rate.")
  boolean latency;

  @Option(
      names = "--rate",
      defaultValue = "10000",
      description = "Lines per second in latency runs (default: ${DEFAULT-VALUE}).")
  int rate;

  @Option(
      names = "--latency-seconds",
      defaultValue = "30",
      description = "Length of a latency run (default: ${DEFAULT-VALUE}).")
  int latencySeconds;

  @Option(
      names = "--latency-warm-up",
      paramLabel = "SECONDS",
      defaultValue = "10",
      description =
          "Seconds of lines at --rate before the timed ones: markers time the steady state, not"
              + " the JIT of a just-started JVM (default: ${DEFAULT-VALUE}).")
  int latencyWarmUpSeconds;

  @Option(
      names = "--heap",
      defaultValue = "1g",
      description = "-Xmx of every system's JVM (default: ${DEFAULT-VALUE}).")
  String heap;

  @Option(
      names = "--jvm-option",
      paramLabel = "OPTION",
      description =
          "Extra option for every system's JVM (repeatable; on a Spark cluster, the driver's),"
              + " e.g. --jvm-option=-XX:+UseParallelGC.")
  List<String> jvmOptions = new ArrayList<>();

  @Option(
      names = "--timeout",
      defaultValue = "900",
      description =
          "Seconds a run may take before it counts as failed (default: ${DEFAULT-VALUE}).")
  int timeoutSeconds;

  @Option(
      names = "--cluster-workers",
      defaultValue = "2",
      description = "Workers of the standalone cluster (default: ${DEFAULT-VALUE}).")
  int clusterWorkers;

  @Option(
      names = "--streamcount-option",
      paramLabel = "--NAME=VALUE",
      description =
          "Extra pipeline option for the streamcount systems (repeatable), e.g. --streamcount-option=--triggerDelay=5s.")
  List<String> streamcountOptions = new ArrayList<>();

  @Option(
      names = "--bootstrap-server",
      description = "Use this broker instead of starting a local one.")
  String bootstrapServer;

  @Option(
      names = "--quick",
      description = "CI mode: 2,000 lines, 100 words, every system once, exactness only.")
  boolean quick;

  @Option(
      names = "--out",
      defaultValue = "target/bench",
      description = "Where the JSON and Markdown tables go (default: ${DEFAULT-VALUE}).")
  Path out;

  public static void main(String[] args) {
    System.exit(command().execute(args));
  }

  /** Small enough to take only a start-up, large enough to reach every step of a system. */
  private static final Workload WARM_UP =
      new Workload(2_000, 10, 100, Workload.Distribution.UNIFORM, 1.0, 3);

  /** The command line, with the list of systems in its help. */
  static CommandLine command() {
    CommandLine command = new CommandLine(new Bench());
    List<String> footer = new ArrayList<>(List.of("", "Systems:"));
    ALIASES.forEach(
        (name, what) -> footer.add(String.format(Locale.ROOT, "  %-21s %s", name, what)));
    command.getCommandSpec().usageMessage().footer(footer.toArray(String[]::new)).width(120);
    return command;
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
    Workload.Distribution drawn =
        uniqueWords ? Workload.Distribution.UNIQUE : parseDistribution(distribution);
    Workload workload = new Workload(lines, wordsPerLine, vocabulary, drawn, zipfExponent, 42);
    Path work = layout.root().resolve(out).resolve("work");
    say(
        "workload: "
            + workload.describe()
            + ", "
            + partitions
            + " partition(s); computing the reference ...");
    EventTimes times = null;
    if (windowMinutes > 0) {
      times = EventTimes.hourOf2019(windowMinutes);
      streamcountOptions.add("--window=fixed:" + windowMinutes + "m");
      say("windows: " + times.describe());
    }
    Map<String, Long> reference = times == null ? workload.reference() : times.reference(workload);
    say("reference: " + String.format(Locale.ROOT, "%,d", reference.size()) + " distinct keys");

    LocalBroker broker = null;
    String bootstrap = bootstrapServer;
    if (bootstrap == null) {
      say("starting a Kafka broker (kafka-local) ...");
      broker =
          LocalBroker.start(
              layout.root().resolve(out).resolve("kafka-" + ProcessHandle.current().pid()),
              LocalBroker.Options.defaults().withHeap("2g"));
      bootstrap = broker.bootstrapServers();
    }
    List<RunResult> results = new ArrayList<>();
    List<SystemUnderTest> chosen = choose(work);
    try (Admin admin = Admin.create(adminProps(bootstrap))) {
      // In turns: run r of every system before run r + 1 of any, so that no system has all its runs
      // in one stretch of the bench. One after the other, the first system's runs all fell in the
      // broker's first minutes: every start-up phase of streamcount-defaults took about 1.5x that
      // of the same launch as streamcount-direct right after it.
      try {
        if (warmUp && !quick) {
          for (int i = 0; i < chosen.size(); i++) {
            RunResult warm =
                measurement(layout, bootstrap, admin, chosen, i, "warm-up (not timed)", work, 0)
                    .throughput(
                        WARM_UP,
                        times,
                        times == null ? WARM_UP.reference() : times.reference(WARM_UP),
                        partitions,
                        0);
            if (!warm.exact()) {
              results.add(warm);
            }
          }
        }
        for (int run = 1; run <= runs; run++) {
          for (int i = 0; i < chosen.size(); i++) {
            results.add(
                measurement(
                        layout,
                        bootstrap,
                        admin,
                        chosen,
                        i,
                        "run " + run + "/" + runs,
                        work,
                        stayExactSeconds)
                    .throughput(workload, times, reference, partitions, run));
          }
        }
        if (latency) {
          for (int i = 0; i < chosen.size(); i++) {
            results.add(
                measurement(layout, bootstrap, admin, chosen, i, "latency", work, stayExactSeconds)
                    .latency(
                        new Workload(
                            (long) rate * (latencyWarmUpSeconds + latencySeconds),
                            wordsPerLine,
                            vocabulary,
                            drawn,
                            zipfExponent,
                            7),
                        rate,
                        (long) rate * latencyWarmUpSeconds,
                        partitions));
          }
        }
      } finally {
        for (SystemUnderTest system : chosen) {
          system.shutdown();
        }
      }
    } finally {
      if (broker != null) {
        broker.close();
      }
    }
    // what to run to get these numbers again
    String commandLine =
        String.join(
            " ",
            Stream.concat(
                    Stream.of("bin/bench"),
                    spec.commandLine().getParseResult().originalArgs().stream())
                .toList());
    Report report =
        new Report(
            results,
            workload.describe()
                + (times == null ? "" : ", " + times.describe())
                + ", "
                + partitions
                + " partition(s)"
                + (latency
                    ? String.format(
                        Locale.ROOT,
                        "; latency: %,d lines/s, markers timed for %d s after %d s at that rate",
                        rate,
                        latencySeconds,
                        latencyWarmUpSeconds)
                    : ""),
            commandLine);
    System.out.println();
    System.out.println(report.markdown());
    report.write(layout.root().resolve(out));
    say("written: " + layout.root().resolve(out).resolve("latest.md") + " and latest.json");
    if (publish) {
      Path page = layout.root().resolve("docs").resolve("performance.md");
      Files.createDirectories(page.getParent());
      Files.writeString(
          page, report.performancePage(Files.exists(page) ? Files.readString(page) : null));
      say("written: " + page);
    }
    boolean allExact = results.stream().allMatch(RunResult::exact);
    if (!allExact) {
      results.stream()
          .filter(r -> !r.exact())
          .forEach(r -> say("NOT EXACT: " + r.system() + " " + r.mode() + ": " + r.problem()));
    }
    return allExact ? 0 : 1;
  }

  private Measurement measurement(
      Layout layout,
      String bootstrap,
      Admin admin,
      List<SystemUnderTest> chosen,
      int index,
      String what,
      Path work,
      int stayExact) {
    SystemUnderTest system = chosen.get(index);
    String label = String.format("[%d/%d] %s, %s", index + 1, chosen.size(), system.name(), what);
    return new Measurement(
        layout,
        bootstrap,
        admin,
        system,
        label,
        work,
        new SystemJvm(heap, jvmOptions),
        timeoutSeconds,
        stayExact);
  }

  private List<SystemUnderTest> choose(Path work) {
    List<SystemUnderTest> chosen = new ArrayList<>();
    for (String s : systems) {
      if (windowMinutes > 0
          && !List.of(
                  "defaults",
                  "direct",
                  "spark",
                  "structured",
                  "structured-200",
                  "structured-update")
              .contains(s.trim())) {
        throw new CommandLine.ParameterException(
            new CommandLine(this), "--window-minutes: system '" + s + "' does not count windows");
      }
      chosen.add(
          switch (s.trim()) {
            case "defaults" -> StreamCountSystem.defaults(streamcountOptions);
            case "direct" -> StreamCountSystem.direct(streamcountOptions);
            case "spark" -> StreamCountSystem.sparkLocal(streamcountOptions);
            case "spark-throughput" -> StreamCountSystem.sparkLocalThroughput(streamcountOptions);
            case "kafka-streams" -> KafkaStreamsSystem.asShipped();
            case "kafka-streams-cached" -> KafkaStreamsSystem.cached();
            case "structured" -> StructuredStreamingSystem.tuned().inWindows(windowMinutes);
            case "structured-200" -> StructuredStreamingSystem.asShipped().inWindows(windowMinutes);
            case "structured-update" ->
                StructuredStreamingSystem.updateMode().inWindows(windowMinutes);
            case "limit" -> new PlainConsumerSystem();
            case "cluster" ->
                new SparkClusterSystem(
                    clusterWorkers, work.resolve("spark-cluster"), streamcountOptions);
            default ->
                throw new CommandLine.ParameterException(
                    new CommandLine(this),
                    "unknown system '"
                        + s
                        + "'; choose from "
                        + String.join(", ", ALIASES.keySet()));
          });
    }
    return chosen;
  }

  private Workload.Distribution parseDistribution(String name) {
    for (Workload.Distribution d : Workload.Distribution.values()) {
      if (d.toString().equals(name.trim().toLowerCase(Locale.ROOT))) {
        return d;
      }
    }
    throw new CommandLine.ParameterException(
        new CommandLine(this),
        "unknown --distribution '" + name + "'; choose from uniform, zipf, unique");
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
}
