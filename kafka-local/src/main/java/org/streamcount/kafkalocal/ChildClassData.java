package org.streamcount.kafkalocal;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Application class-data sharing for the JVMs that tests start, as {@code bin/streamcount} uses it
 * for the JVMs users start: each child JVM otherwise spends seconds of CPU loading and verifying
 * the same ~10,000 classes of Beam, Spark and Kafka, and a test run starts hundreds of them on two
 * cores. The first child of a kind (main class and runner) lists the classes it loads; once it has
 * exited this JVM dumps an archive of them, and the children of that kind started after that map
 * the archive instead.
 *
 * <p>Why a list and a dump here, where {@code bin/streamcount} has its first launch write the
 * archive as it exits: a JVM that writes its archive at exit and has loaded a class from a folder
 * (a test's interceptor, from target/test-classes) ends with exit 1 ("Cannot have non-empty
 * directory in paths"), and one killed with SIGKILL writes nothing. The list is written as the
 * classes load, and the dump reads only the jars: the classpath is this JVM's, its jars first, so
 * that the archive's jars are the start of every child's classpath.
 *
 * <p>The archives are this test JVM's own (a folder named by its pid, deleted when it exits), so
 * they always match the jars they were made from.
 */
final class ChildClassData {
  private static final Path DIR =
      Path.of("target", "class-data", "tests-" + ProcessHandle.current().pid());

  /** The kinds whose classes a child is listing now, or whose archive is made. */
  private static final Set<String> CLAIMED = ConcurrentHashMap.newKeySet();

  /** The JVM's notes about classes it cannot archive are no concern of a test's. */
  private static final List<String> QUIET = List.of("-Xlog:cds=off");

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(ChildClassData::deleteAll));
  }

  private ChildClassData() {}

  /**
   * What one child does with the archive of its kind: its JVM options, and what this JVM does once
   * it exited.
   */
  record Use(List<String> jvmOptions, Runnable exited) {
    private static final Use NONE = new Use(List.of(), () -> {});
  }

  /**
   * For a child running {@code main} with {@code jvmArgs} and {@code args}: map its kind's archive,
   * or list its classes for one, or neither (while the archive is made; and never beside a Java
   * agent or JFR: Java 17 can crash with shared classes under a class-file load hook).
   */
  static Use forChild(Class<?> main, List<String> jvmArgs, List<String> args) {
    if (!Boolean.parseBoolean(System.getProperty("streamcount.test.classData", "true"))
        || usesLoadHook(jvmArgs)) {
      return Use.NONE;
    }
    String kind =
        main.getSimpleName()
            + args.stream()
                .filter(a -> a.startsWith("--runner="))
                .map(a -> "-" + a.substring("--runner=".length()))
                .findFirst()
                .orElse("");
    Path archive = DIR.resolve(kind + ".jsa");
    if (Files.isRegularFile(archive)) {
      List<String> options = new ArrayList<>(QUIET);
      options.add("-XX:SharedArchiveFile=" + archive.toAbsolutePath());
      return new Use(options, () -> {});
    }
    if (!CLAIMED.add(kind)) {
      return Use.NONE;
    }
    try {
      Files.createDirectories(DIR);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Path classes = DIR.resolve(kind + ".classlist");
    return new Use(
        List.of("-XX:DumpLoadedClassList=" + classes.toAbsolutePath()),
        () -> {
          Thread dumper = new Thread(() -> dump(classes, archive), "class-data-dump-" + kind);
          dumper.setDaemon(true);
          dumper.start();
        });
  }

  /**
   * Dumps the classes listed in {@code classes} into {@code archive}, or leaves no archive (its
   * kind then runs without one).
   */
  private static void dump(Path classes, Path archive) {
    // made beside its name and moved there once complete: a child that starts meanwhile must not
    // map half an archive
    Path partial = archive.resolveSibling(archive.getFileName() + ".partial");
    List<String> command = new ArrayList<>();
    command.add(JavaProcess.javaCommand());
    command.addAll(QUIET);
    command.addAll(
        List.of(
            "-Xshare:dump",
            "-XX:SharedClassListFile=" + classes.toAbsolutePath(),
            "-XX:SharedArchiveFile=" + partial.toAbsolutePath(),
            "-cp",
            jarsOnly(System.getProperty("java.class.path"))));
    // when it fails there is no archive: its kind runs as it would without one
    if (JavaProcess.succeeds(command, 2, TimeUnit.MINUTES)) {
      try {
        Files.move(partial, archive, StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException e) {
        // the same: no archive
      }
    }
  }

  /** {@code classpath} with its jars first, in their order, then its folders, in theirs. */
  static String jarsFirst(String classpath) {
    Map<Boolean, List<String>> jarOrNot =
        Stream.of(classpath.split(File.pathSeparator))
            .filter(entry -> !entry.isEmpty())
            .collect(Collectors.partitioningBy(entry -> entry.endsWith(".jar")));
    List<String> all = new ArrayList<>(jarOrNot.get(true));
    all.addAll(jarOrNot.get(false));
    return String.join(File.pathSeparator, all);
  }

  /** The jars of {@code classpath}, in their order. */
  static String jarsOnly(String classpath) {
    return Stream.of(classpath.split(File.pathSeparator))
        .filter(entry -> entry.endsWith(".jar"))
        .collect(Collectors.joining(File.pathSeparator));
  }

  private static boolean usesLoadHook(List<String> jvmArgs) {
    String all =
        String.join(" ", jvmArgs)
            + " "
            + System.getenv().getOrDefault("JAVA_TOOL_OPTIONS", "")
            + " "
            + System.getenv().getOrDefault("JDK_JAVA_OPTIONS", "");
    return Stream.of("FlightRecord", "-javaagent", "-agentlib", "-agentpath")
        .anyMatch(all::contains);
  }

  private static void deleteAll() {
    if (!Files.isDirectory(DIR)) {
      return;
    }
    try (Stream<Path> files = Files.walk(DIR)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // target/ is the build's to clean
    }
  }
}
