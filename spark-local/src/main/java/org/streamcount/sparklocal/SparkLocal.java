package org.streamcount.sparklocal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code bin/spark-local home|start|stop|status|submit}: a Spark runtime for users without one.
 * Messages go to stderr; {@code start} prints the master URL as its last stdout line.
 */
@Command(
    name = "spark-local",
    mixinStandardHelpOptions = true,
    description = "A real Spark standalone cluster on 127.0.0.1, from jars assembled by Maven.",
    subcommands = {
      SparkLocal.Home.class,
      SparkLocal.Start.class,
      SparkLocal.Stop.class,
      SparkLocal.Status.class,
      SparkLocal.Submit.class
    })
public final class SparkLocal {
  static final int EXIT_NOT_RUNNING = 3;

  public static void main(String[] args) {
    CommandLine cli = new CommandLine(new SparkLocal());
    // submit passes everything after its own options to spark-submit untouched
    CommandLine submit = cli.getSubcommands().get("submit");
    submit.setUnmatchedOptionsArePositionalParams(true);
    submit.setStopAtPositional(true);
    cli.setExecutionExceptionHandler(
        (e, cmd, parsed) -> {
          System.err.println("spark-local: " + e.getMessage());
          return 1;
        });
    System.exit(cli.execute(args));
  }

  static class DirOption {
    @Option(
        names = "--dir",
        paramLabel = "DIR",
        description = "Folder for the cluster's state and logs (default: ${DEFAULT-VALUE}).")
    Path dir = LocalSparkCluster.defaultDir();
  }

  @Command(name = "home", description = "Prints the SPARK_HOME this project assembled.")
  static final class Home implements Callable<Integer> {
    @Override
    public Integer call() {
      System.out.println(SparkHome.located().path());
      return 0;
    }
  }

  @Command(
      name = "start",
      description = "Starts a master and workers in the background; prints the master URL last.")
  static final class Start implements Callable<Integer> {
    @CommandLine.Mixin DirOption dir = new DirOption();

    @Option(
        names = "--workers",
        defaultValue = "1",
        description = "Workers to start (default: ${DEFAULT-VALUE}).")
    int workers;

    @Option(
        names = "--cores",
        defaultValue = "2",
        description = "Cores each worker offers (default: ${DEFAULT-VALUE}).")
    int cores;

    @Option(
        names = "--memory",
        defaultValue = "2g",
        description = "Memory each worker offers (default: ${DEFAULT-VALUE}).")
    String memory;

    @Override
    public Integer call() throws Exception {
      LocalSparkCluster existing = LocalSparkCluster.in(dir.dir);
      if (existing.isRunning()) {
        System.err.println("spark-local: already running in " + existing.dir());
        System.out.println(existing.masterUrl().orElse(""));
        return 0;
      }
      long started = System.nanoTime();
      System.err.println(
          "spark-local: starting a master and "
              + workers
              + " worker(s) in "
              + existing.dir()
              + " ...");
      LocalSparkCluster cluster = LocalSparkCluster.start(dir.dir, workers, cores, memory, false);
      System.err.printf(
          "spark-local: ready in %.1f s; web UI %s; logs %s%n",
          (System.nanoTime() - started) / 1e9,
          cluster.webUrl().orElse("?"),
          cluster.dir().resolve("logs"));
      System.out.println(cluster.masterUrl().orElseThrow());
      return 0;
    }
  }

  @Command(
      name = "stop",
      description = "Stops the workers, the master and any executor the workers left behind.")
  static final class Stop implements Callable<Integer> {
    @CommandLine.Mixin DirOption dir = new DirOption();

    @Override
    public Integer call() throws Exception {
      LocalSparkCluster cluster = LocalSparkCluster.in(dir.dir);
      List<String> daemons = cluster.runningDaemons();
      if (daemons.isEmpty()) {
        System.err.println("spark-local: not running (" + cluster.dir() + ")");
        return 0;
      }
      cluster.close();
      System.err.println("spark-local: stopped " + String.join(", ", daemons));
      return 0;
    }
  }

  @Command(
      name = "status",
      description = "Shows the cluster; exit code 0 if its master runs, 3 if not.")
  static final class Status implements Callable<Integer> {
    @CommandLine.Mixin DirOption dir = new DirOption();

    @Override
    public Integer call() throws Exception {
      LocalSparkCluster cluster = LocalSparkCluster.in(dir.dir);
      if (!cluster.isRunning()) {
        System.out.println("not running (" + cluster.dir() + ")");
        return EXIT_NOT_RUNNING;
      }
      System.out.println(
          "running "
              + cluster.masterUrl().orElse("?")
              + " ("
              + String.join(", ", cluster.runningDaemons())
              + "), web UI "
              + cluster.webUrl().orElse("?"));
      return 0;
    }
  }

  @Command(
      name = "submit",
      description =
          "spark-submit against the running cluster (client mode): submit [spark-submit options] JAR [app args].")
  static final class Submit implements Callable<Integer> {
    @CommandLine.Mixin DirOption dir = new DirOption();

    @Parameters(
        arity = "1..*",
        paramLabel = "ARGS",
        description = "spark-submit's arguments (without --master).")
    List<String> args = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
      LocalSparkCluster cluster = LocalSparkCluster.in(dir.dir);
      if (!cluster.isRunning()) {
        System.err.println(
            "spark-local: no cluster runs in " + cluster.dir() + " (bin/spark-local start)");
        return EXIT_NOT_RUNNING;
      }
      List<String> full = new ArrayList<>(List.of("--master", cluster.masterUrl().orElseThrow()));
      full.addAll(args);
      ProcessBuilder builder =
          new ProcessBuilder(
                  cluster.sparkHome().command("org.apache.spark.deploy.SparkSubmit", full))
              .inheritIO();
      builder.environment().putAll(cluster.sparkHome().environment());
      Process driver = builder.start();
      // Stopping this command stops the driver (SIGTERM: it shuts down cleanly), then waits for it.
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    try {
                      driver.destroy();
                      if (!driver.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
                        driver.destroyForcibly();
                      }
                    } catch (InterruptedException ignored) {
                      Thread.currentThread().interrupt();
                    }
                  }));
      return driver.waitFor();
    }
  }
}
