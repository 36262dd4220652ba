package org.streamcount.pipeline.launch;

import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.beam.runners.direct.DirectOptions;
import org.apache.beam.runners.spark.SparkPipelineOptions;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.ExperimentalOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.streamcount.kafka.ExitCode;
import org.streamcount.kafka.RootCause;
import org.streamcount.pipeline.CountingTopology;
import org.streamcount.pipeline.JobConfig;
import org.streamcount.pipeline.KafkaClientConfig;
import org.streamcount.pipeline.KafkaReadMode;
import org.streamcount.pipeline.PublishedTotals;
import org.streamcount.pipeline.StartPoint;

/**
 * {@code bin/streamcount}: parses and checks the options once, prepares the topics, starts the job
 * ({@link CountingTopology}) on the runner {@code --runner} picks, and supervises it until it ends
 * or is asked to stop.
 */
public final class StreamCount {
  private static final Logger LOG = LoggerFactory.getLogger(StreamCount.class);

  /**
   * How long Spark's own shutdown may take after a stop on request before the JVM is halted. A stop
   * that ends does so within a few seconds; one that hangs never ends (15 of 21 stops of Spark jobs
   * in one CI run, each held until this limit: 20 s then).
   */
  static final Duration SPARK_STOP_LIMIT = Duration.ofSeconds(6);

  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration HEALTH_TICK = Duration.ofSeconds(2);

  private StreamCount() {}

  /**
   * Checks the options, prepares the topics (bounded waits), starts the pipeline and returns
   * without waiting for it: streaming jobs do not end by themselves.
   *
   * @throws IllegalArgumentException for invalid options
   * @throws KafkaUnavailableException when Kafka is not usable within {@code --kafkaWait}
   */
  public static RunningJob start(StreamCountOptions options) throws InterruptedException {
    return start(
        options, StreamCountOptionsValidator.validate(options), StartupProfile.sinceJvmStart());
  }

  private static RunningJob start(
      StreamCountOptions options, LaunchConfig launch, StartupProfile startup)
      throws InterruptedException {
    options.setStreaming(true);
    if (isDirectRunner(options)) {
      // Return from run() so that the caller can report status and stop the job.
      options.as(DirectOptions.class).setBlockOnRun(false);
    }
    if (isSparkRunner(options)) {
      checkpointEveryBatchRead(options.as(SparkPipelineOptions.class));
      createOwnerOnly(options.as(SparkPipelineOptions.class).getCheckpointDir());
      SparkOnLoopback.apply(options.getSparkUi());
      ExecutorWatch.register();
    }
    if (options.getKafkaRead().resolve(isDirectRunner(options)) == KafkaReadMode.SDF) {
      ExperimentalOptions.addExperiment(
          options.as(ExperimentalOptions.class), KafkaReadMode.SDF_EXPERIMENT);
    }
    KafkaClientConfig kafka = launch.kafka();
    JobConfig job = launch.job();
    new PrepareTopics(kafka, launch.kafkaWait())
        .prepare(
            job.inputTopics(),
            launch.createInputTopics(),
            job.outputTopic(),
            launch.outputPartitions(),
            job.deadLetterTopic(),
            job.outputFormat().largestRecordBytes(job.maxWordLength()),
            job.windows().isGlobal() ? null : launch.windowRetention(),
            launch.allowOutputTopicAsIs(),
            job.tracksCoverage() ? job.progressTopic() : null);
    StartPoint start =
        TableAtStart.check(
            launch,
            isSparkRunner(options) && hasSparkCheckpoint(options)
                ? options.as(SparkPipelineOptions.class).getCheckpointDir()
                : null);
    PublishedTotals.remember(kafka, job.outputTopic(), start.totals());
    startup.ended("topics");
    LOG.info(describe(options, kafka));
    Pipeline pipeline = Pipeline.create(options);
    CountingTopology.applyTo(pipeline, job, start, kafka);
    RunningJob running = new RunningJob(pipeline.run());
    startup.ended("runner start");
    ClassDataMark.jobStarted();
    return running;
  }

  /**
   * Whether Spark will go on from a checkpoint of an earlier run (Beam's SparkRunner keeps it
   * here).
   */
  static boolean hasSparkCheckpoint(StreamCountOptions options) {
    String dir = options.as(SparkPipelineOptions.class).getCheckpointDir();
    if (dir == null || (dir.contains("://") && !dir.startsWith("file:"))) {
      return dir != null; // HDFS, S3: assume it may hold one, as Spark will look
    }
    java.io.File[] held =
        new java.io.File(dir.replaceFirst("^file:(//)?", ""), "spark-checkpoint").listFiles();
    return held != null && held.length > 0;
  }

  /**
   * Beam's Spark read keeps the records of each batch in an RDD that Spark checkpoints, by default,
   * every 10 batches. When Spark drops a cached block of that RDD to make room (it does under a
   * large vocabulary), it recomputes the block by reading Kafka again through a reader that has
   * moved on: bin/bench saw the read stop for good at 88-91% of a 20M-word Zipf input, its counts
   * stale. Checkpointed at every batch, a lost block is restored from the checkpoint and never read
   * again. A user's own {@code --checkpointDurationMillis} is kept.
   */
  static void checkpointEveryBatchRead(SparkPipelineOptions spark) {
    if (spark.getCheckpointDurationMillis() == null || spark.getCheckpointDurationMillis() <= 0) {
      spark.setCheckpointDurationMillis(spark.getBatchIntervalMillis());
    }
  }

  /**
   * Spark's checkpoint holds the job graph and the counts: a local checkpoint directory that does
   * not exist yet is created owner-only (0700), as Spark itself would create it with the umask.
   */
  static void createOwnerOnly(String checkpointDir) {
    if (checkpointDir == null
        || (checkpointDir.contains("://") && !checkpointDir.startsWith("file:"))) {
      return; // HDFS, S3: their own permissions apply
    }
    java.nio.file.Path dir = java.nio.file.Path.of(checkpointDir.replaceFirst("^file:(//)?", ""));
    if (java.nio.file.Files.exists(dir)) {
      return;
    }
    try {
      if (dir.getParent() != null) {
        java.nio.file.Files.createDirectories(dir.getParent());
      }
      java.nio.file.Files.createDirectory(
          dir,
          java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
              java.nio.file.attribute.PosixFilePermissions.fromString("rwx------")));
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException(
          "cannot create --checkpointDir " + checkpointDir + ": " + e.getMessage());
    }
  }

  /**
   * The code the JVM ends with if Spark's shutdown hangs and it is halted: a signal's (143) unless
   * the job itself decided how it ends.
   */
  private static volatile int haltWith = ExitCode.TERMINATED;

  /** Set by the shutdown hook: the JVM is stopping on a signal, whose code the exit keeps. */
  private static volatile boolean signalled;

  public static void main(String[] args) {
    int code = run(args);
    // On a signal, run returns once the job has stopped, before the halt watchdog may fire: its
    // OK must not replace the signal's code (143) as the code the watchdog halts with.
    if (!signalled) {
      haltWith = code;
    }
    System.exit(code);
  }

  static StreamCountOptions parseOptions(String[] args) {
    PipelineOptionsFactory.register(StreamCountOptions.class);
    RepeatedOptions.check(args);
    // Plain --help shows this job's options rather than Beam's list of option groups.
    String[] effective =
        Arrays.stream(args)
            .map(a -> a.equals("--help") ? "--help=" + StreamCountOptions.class.getName() : a)
            .toArray(String[]::new);
    return PipelineOptionsFactory.fromArgs(effective).withValidation().as(StreamCountOptions.class);
  }

  public static int run(String[] args) {
    StartupProfile startup = StartupProfile.sinceJvmStart();
    startup.ended("jvm");
    StreamCountOptions options;
    LaunchConfig launch;
    try {
      options = parseOptions(RunnerDefaults.apply(RunnerProfile.apply(args)));
      launch = StreamCountOptionsValidator.validate(options);
    } catch (IllegalArgumentException e) {
      System.err.println("streamcount: " + usageMessage(e.getMessage()));
      System.err.println("streamcount: --help lists every option");
      return ExitCode.USAGE;
    }
    if (options.getVerbose()) {
      Configurator.setRootLevel(Level.INFO);
    }
    startup.ended("options");

    RunningJob job;
    try {
      job = start(options, launch, startup);
    } catch (KafkaUnavailableException e) {
      System.err.println("streamcount: " + e.getMessage());
      return ExitCode.KAFKA_UNAVAILABLE;
    } catch (IllegalArgumentException e) {
      System.err.println("streamcount: " + firstLine(e.getMessage()));
      return ExitCode.USAGE;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return ExitCode.FAILED;
    }
    try (KafkaHealth health = new KafkaHealth(launch.kafka(), launch.job().outageLimit())) {
      return supervise(
          job,
          launch.statusInterval(),
          launch.clusterOutageLimit(),
          health,
          launch.consumerGroup() == null
              ? null
              : new GroupProgress(health.admin(), launch.consumerGroup()),
          startup,
          options.getVerbose());
    }
  }

  /**
   * Prints the status line periodically, commits the read positions for lag tools ({@code
   * progress}, or null), and watches Kafka and the Spark cluster until the job ends, either stays
   * away too long, or the JVM is asked to stop.
   */
  private static int supervise(
      RunningJob job,
      Duration statusInterval,
      Duration clusterOutageLimit,
      KafkaHealth health,
      GroupProgress progress,
      StartupProfile startup,
      boolean verbose) {
    AtomicBoolean stopping = new AtomicBoolean();
    Thread main = Thread.currentThread();
    boolean runnerStopsItself = isSparkRunner(job);
    // The last counters seen while the job ran: asking a runner for them while it shuts down can
    // block.
    AtomicReference<PipelineStatus> latest = new AtomicReference<>(job.status());
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  signalled = true;
                  stopping.set(true);
                  LOG.info("stopping ...");
                  if (runnerStopsItself && !verbose) {
                    quietWhileSparkStops();
                  }
                  // Spark stops its streaming context from its own shutdown hook; a second,
                  // concurrent stop from here would deadlock with it. Elsewhere the job is ours to
                  // cancel, bounded.
                  boolean stopped = runnerStopsItself || job.cancel(STOP_TIMEOUT);
                  LOG.info(
                      "stopped after {}{}: {}",
                      human(job.uptime()),
                      stopped ? "" : " (the runner did not confirm)",
                      latest.get().totals());
                  if (!runnerStopsItself) {
                    // Not on Spark: an interrupted SparkPipelineResult.waitUntilFinish starts
                    // Beam's graceful stop, which races Spark's own shutdown hook and holds the JVM
                    // for some 40 s.
                    main.interrupt();
                  } else {
                    haltIfSparkHangs();
                  }
                },
                "streamcount-shutdown"));

    Duration tick =
        statusInterval.isZero() || statusInterval.compareTo(HEALTH_TICK) > 0
            ? HEALTH_TICK
            : statusInterval;
    PipelineStatus previous = latest.get();
    boolean startupLogged = false;
    try {
      while (true) {
        PipelineResult.State state = job.waitUntilFinish(tick);
        if (stopping.get()) {
          return ExitCode.OK;
        }
        if (state.isTerminal()) {
          LOG.info("pipeline ended: {}", state);
          return state == PipelineResult.State.DONE ? ExitCode.OK : ExitCode.FAILED;
        }
        if (!health.check()) {
          System.err.println("streamcount: " + health.outageMessage());
          job.cancel(STOP_TIMEOUT);
          return ExitCode.KAFKA_UNAVAILABLE;
        }
        Optional<Duration> noExecutor =
            runnerStopsItself ? ExecutorWatch.lostFor() : Optional.empty();
        if (noExecutor.isPresent() && noExecutor.get().compareTo(clusterOutageLimit) > 0) {
          // no cancel: stopping a context whose cluster is gone can wait without end; the exit
          // runs Spark's own shutdown, bounded by the stop watchdog
          System.err.println(
              "streamcount: the Spark cluster has had no executor for "
                  + human(noExecutor.get())
                  + " (--clusterOutageLimit="
                  + human(clusterOutageLimit)
                  + "): its master or workers are gone; giving up");
          return ExitCode.FAILED;
        }
        PipelineStatus now = job.status();
        latest.set(now);
        if (progress != null) {
          progress.commit(now.readOffsets());
        }
        if (!startupLogged) {
          Optional<String> line = startup.line(now);
          line.ifPresent(LOG::info);
          startupLogged = line.isPresent();
        }
        if (!statusInterval.isZero()
            && now.nanoTime() - previous.nanoTime()
                >= statusInterval.toNanos() - tick.toNanos() / 2) {
          LOG.info(now.line(previous));
          previous = now;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return stopping.get() ? ExitCode.OK : ExitCode.FAILED;
    } catch (RuntimeException e) {
      if (stopping.get()) {
        return ExitCode.OK;
      }
      Throwable root = RootCause.of(e);
      System.err.println(
          "streamcount: the pipeline failed: "
              + root.getClass().getSimpleName()
              + (root.getMessage() == null ? "" : ": " + firstLine(root.getMessage())));
      LOG.debug("pipeline failure", e);
      job.cancel(STOP_TIMEOUT);
      return ExitCode.FAILED;
    }
  }

  /**
   * A stop on request interrupts Spark's batch in flight, and Spark reports each piece of it as an
   * error with a stack trace (a task rejected by the stopped executor, a Kafka read interrupted, an
   * uncaught InterruptedException): some fifty lines on every Ctrl-C, about nothing that the
   * restart does not recompute. Without --verbose they are not shown.
   */
  private static void quietWhileSparkStops() {
    Configurator.setLevel("org.apache.spark", Level.OFF);
    Thread.setDefaultUncaughtExceptionHandler(
        (thread, error) -> LOG.debug("while stopping, {} ended with", thread.getName(), error));
  }

  /**
   * Spark's own shutdown hook stops the streaming context, and can wait forever: a batch that was
   * writing its checkpoint when the executors shut down holds the graph's lock and waits for tasks
   * that will never run (seen in StopIT). The counts need nothing from that batch (a restart
   * recomputes it from the last complete checkpoint), so the JVM is halted, with the code a SIGTERM
   * gives, once Spark had {@link #SPARK_STOP_LIMIT} to finish.
   */
  private static void haltIfSparkHangs() {
    Thread watchdog =
        new Thread(
            () -> {
              try {
                Thread.sleep(SPARK_STOP_LIMIT.toMillis());
              } catch (InterruptedException e) {
                return;
              }
              System.err.println(
                  "streamcount: Spark did not stop within "
                      + SPARK_STOP_LIMIT.toSeconds()
                      + " s; halting");
              Runtime.getRuntime().halt(haltWith);
            },
            "streamcount-stop-watchdog");
    watchdog.setDaemon(true);
    watchdog.start();
  }

  private static boolean isSparkRunner(RunningJob job) {
    return job.result().getClass().getName().startsWith("org.apache.beam.runners.spark.");
  }

  static boolean isSparkRunner(StreamCountOptions options) {
    return options.getRunner().getName().startsWith("org.apache.beam.runners.spark.");
  }

  static boolean isDirectRunner(StreamCountOptions options) {
    return options.getRunner().getSimpleName().equals("DirectRunner");
  }

  private static String describe(StreamCountOptions o, KafkaClientConfig kafka) {
    String read = o.getKafkaRead().resolve(isDirectRunner(o)).toString();
    String trigger =
        o.getTriggerDelay()
            + (o.getTriggerEveryElements() == null
                ? ""
                : " or every " + o.getTriggerEveryElements() + " words");
    return String.format(
        Locale.ROOT,
        "streamcount on %s | in: %s from %s (%s read) | out: %s (%s) | tokenizer %s | trigger %s | %s | kafka %s %s",
        o.getRunner().getSimpleName(),
        String.join(",", o.getInputTopics()),
        o.getStartFrom(),
        read,
        o.getOutputTopic(),
        o.getOutputFormat(),
        o.getTokenizer(),
        trigger,
        o.getCountShards() == 0 ? "keyed by word" : o.getCountShards() + " shards",
        kafka.bootstrapServers(),
        kafka.describe());
  }

  private static final java.util.regex.Pattern UNKNOWN_OPTION =
      java.util.regex.Pattern.compile(
          ".*missing a property named '([^']*)'\\.?(.*)", java.util.regex.Pattern.DOTALL);
  private static final java.util.regex.Pattern JACKSON_PROBLEM =
      java.util.regex.Pattern.compile(".*problem: (.*)", java.util.regex.Pattern.DOTALL);

  /** Beam's and Jackson's wording of option errors, reduced to what the user typed wrong. */
  static String usageMessage(String message) {
    String line = firstLine(message);
    java.util.regex.Matcher unknown = UNKNOWN_OPTION.matcher(message == null ? "" : message);
    if (unknown.matches()) {
      String hint = unknown.group(2).replaceAll("\\s+", " ").trim();
      return "unknown option --" + unknown.group(1) + (hint.isEmpty() ? "" : " (" + hint + ")");
    }
    java.util.regex.Matcher jackson = JACKSON_PROBLEM.matcher(line);
    return jackson.matches() ? jackson.group(1) : line;
  }

  static String firstLine(String message) {
    if (message == null) {
      return "(no message)";
    }
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }

  private static String human(Duration d) {
    return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
  }
}
