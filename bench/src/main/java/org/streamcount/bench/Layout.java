package org.streamcount.bench;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where each system's jars are in this checkout. Every system runs in its own JVM with the
 * classpath its module's build assembled, so that no two of them share a Kafka client version.
 */
final class Layout {
  /**
   * The JVM options Spark needs on Java 17 (its launcher adds the same; Kafka Streams and plain
   * clients ignore them), from their one list in the checkout.
   */
  List<String> java17Opens() {
    try {
      return Files.readAllLines(root.resolve(".mvn/jvm.config")).stream()
          .map(String::strip)
          .filter(l -> !l.isEmpty())
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + root.resolve(".mvn/jvm.config"), e);
    }
  }

  private final Path root;

  Layout(Path root) {
    this.root = root.toAbsolutePath().normalize();
    System.setProperty(
        "streamcount.kafkaLocal.target", this.root.resolve("kafka-local/target").toString());
    System.setProperty(
        "streamcount.sparkLocal.target", this.root.resolve("spark-local/target").toString());
  }

  /** The checkout: {@code -Dstreamcount.root}, else the working directory. */
  static Layout current() {
    String root = System.getProperty("streamcount.root");
    return new Layout(root == null ? Path.of("") : Path.of(root));
  }

  Path root() {
    return root;
  }

  /** A shipped profile as a file: a job under spark-submit runs where no name resolves. */
  Path profile(String name) {
    return root.resolve("runner-profiles").resolve(name + ".properties");
  }

  String benchClasspath() {
    return module("bench", "classpath.txt");
  }

  /** Kafka 4.x: the broker's jars, which also hold Kafka Streams and its examples. */
  String kafkaClasspath() {
    return root.resolve("kafka-local/target/classes")
        + File.pathSeparator
        + root.resolve("kafka-local/target/lib/*");
  }

  Path sparkHome() {
    return root.resolve("spark-local/target/spark-home");
  }

  /** Spark's jars (spark-sql and its Kafka source included) plus this module's classes. */
  String structuredStreamingClasspath() {
    return root.resolve("bench/target/classes")
        + File.pathSeparator
        + sparkHome().resolve("conf")
        + File.pathSeparator
        + sparkHome().resolve("jars/*");
  }

  Path pipelineJobJar() {
    try (var files = Files.list(root.resolve("pipeline/target"))) {
      return files
          .filter(f -> f.getFileName().toString().matches("streamcount-pipeline-.*-spark\\.jar"))
          .findFirst()
          .orElseThrow(
              () -> new IllegalStateException("no job jar in pipeline/target: mvn package first"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private String module(String name, String... classpathFiles) {
    Path target = root.resolve(name).resolve("target");
    List<String> parts = new ArrayList<>();
    parts.add(target.resolve("classes").toString());
    for (String file : classpathFiles) {
      Path p = target.resolve(file);
      if (!Files.exists(p)) {
        throw new IllegalStateException(
            "missing " + p + ": build first (mvn -B -ntp install -DskipTests)");
      }
      try {
        parts.add(Files.readString(p).trim());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return String.join(File.pathSeparator, parts);
  }
}
