package org.streamcount.kafkalocal;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Application class-data sharing (JEP 350) for the JVMs that tests start, as {@code
 * bin/streamcount} uses it for the JVMs users start: each child JVM otherwise spends seconds of CPU
 * loading and verifying the same ~10,000 classes of Beam, Spark and Kafka, and a test run starts
 * hundreds of them on two cores. The first child of a kind (main class and runner) writes an
 * archive of the classes it loaded when it exits; the children of that kind started after it map
 * the archive instead.
 *
 * <p>The archives are this test JVM's own (a folder named by its pid, deleted when it exits), so
 * they always match the jars they were written from. A child that dies without exiting (kill -9)
 * writes none, and the next child of its kind writes it instead. The JVM archives classes from jars
 * only, and a child that loaded a class from a non-empty folder on its classpath cannot write its
 * archive (Java 17 then ends it with exit 1, "Cannot have non-empty directory in paths"). So only a
 * child whose main class comes from a jar shares classes, and its classpath is this JVM's jars (the
 * module's own jar included: failsafe tests the packaged module), without the folders of test
 * classes.
 */
final class ChildClassData {
  private static final Path DIR =
      Path.of("target", "class-data", "tests-" + ProcessHandle.current().pid());

  /** The kinds whose archive a child is writing now, or has written. */
  private static final Set<String> CLAIMED = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(ChildClassData::deleteAll));
  }

  private ChildClassData() {}

  /** What one child does with the archive of its kind. */
  interface Use {
    List<String> jvmOptions();

    String classpath();

    /** Called once the child has exited. */
    void exited();
  }

  /**
   * For a child running {@code main} with {@code jvmArgs} and {@code args}: map its kind's archive,
   * or write it, or neither (while another child writes it; and never beside a Java agent or JFR:
   * Java 17 can crash with shared classes under a class-file load hook).
   */
  static Use forChild(Class<?> main, List<String> jvmArgs, List<String> args) {
    String classpath = System.getProperty("java.class.path");
    Use none = fixed(List.of(), classpath);
    if (!Boolean.parseBoolean(System.getProperty("streamcount.test.classData", "true"))
        || usesLoadHook(jvmArgs)
        || !fromJar(main)) {
      return none;
    }
    String jars = jarsOnly(classpath);
    String kind =
        main.getSimpleName()
            + args.stream()
                .filter(a -> a.startsWith("--runner="))
                .map(a -> "-" + a.substring("--runner=".length()))
                .findFirst()
                .orElse("");
    Path archive = DIR.resolve(kind + ".jsa");
    // the JVM's notes about classes it cannot archive are no concern of a test's
    List<String> quiet = List.of("-Xlog:cds=off", "-Xlog:cds+dynamic=off");
    if (Files.isRegularFile(archive)) {
      return fixed(concat(quiet, "-XX:SharedArchiveFile=" + archive.toAbsolutePath()), jars);
    }
    if (!CLAIMED.add(kind)) {
      return none;
    }
    try {
      Files.createDirectories(DIR);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    // written beside its name and moved there once complete: a child that starts meanwhile must
    // not map half an archive
    Path partial = DIR.resolve(kind + ".jsa.partial");
    return new Use() {
      @Override
      public List<String> jvmOptions() {
        return concat(quiet, "-XX:ArchiveClassesAtExit=" + partial.toAbsolutePath());
      }

      @Override
      public String classpath() {
        return jars;
      }

      @Override
      public void exited() {
        try {
          if (Files.isRegularFile(partial) && Files.size(partial) > 0) {
            Files.move(partial, archive, StandardCopyOption.ATOMIC_MOVE);
            return;
          }
        } catch (IOException e) {
          // as if it had written none
        }
        CLAIMED.remove(kind);
      }
    };
  }

  /** The jars of {@code classpath}, in their order. */
  static String jarsOnly(String classpath) {
    return Stream.of(classpath.split(File.pathSeparator))
        .filter(entry -> entry.endsWith(".jar"))
        .collect(Collectors.joining(File.pathSeparator));
  }

  private static boolean fromJar(Class<?> main) {
    CodeSource source = main.getProtectionDomain().getCodeSource();
    return source != null && source.getLocation().getPath().endsWith(".jar");
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

  private static Use fixed(List<String> options, String classpath) {
    return new Use() {
      @Override
      public List<String> jvmOptions() {
        return options;
      }

      @Override
      public String classpath() {
        return classpath;
      }

      @Override
      public void exited() {}
    };
  }

  private static List<String> concat(List<String> first, String last) {
    List<String> all = new ArrayList<>(first);
    all.add(last);
    return all;
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
