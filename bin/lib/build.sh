# Shared by the bin/ scripts: build what a script needs on first use (and again when its
# sources changed), then launch plain `java -cp` from the classpath Maven wrote.
# shellcheck shell=bash

java_bin() {
  if [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/java" ]]; then echo "$JAVA_HOME/bin/java"; else echo java; fi
}

# Spark on Java 17 needs these (its own launcher adds the same); harmless for the DirectRunner.
# .mvn/jvm.config is their one list: Maven's own JVM (exec:java), the test JVMs and bench read it too.
mapfile -t JAVA17_OPENS < <(grep -v '^[[:space:]]*$' "$root/.mvn/jvm.config")

# ensure_built MODULE: `mvn package` MODULE and what it needs, unless its jar and
# MODULE/target/classpath.txt exist and no source of the project is newer than the jar (not than
# classpath.txt: any `mvn test` rewrites that, and a stale jar then looked fresh).
# STREAMCOUNT_REBUILD=1 forces it.
ensure_built() {
  local module="$1"
  local marker="$root/$module/target/classpath.txt"
  local jar
  jar="$(module_jar "$module" 2>/dev/null || true)"
  local stale=0
  if [[ ! -f "$marker" || -z "$jar" || "${STREAMCOUNT_REBUILD:-0}" == 1 ]]; then
    stale=1
  elif [[ -n "$(find "$root/pom.xml" "$root/$module/pom.xml" "$root/$module/src/main" "$root/kafka-local/src/main" \
        -newer "$jar" -print -quit 2>/dev/null)" ]]; then
    stale=1
  fi
  if [[ "$stale" == 1 ]]; then
    echo "streamcount: building $module (mvn package, about a minute the first time) ..." >&2
    # the format check is the test command's (mvn verify): a launch runs what it was given
    if ! (cd "$root" && mvn -B -q -pl "$module" -am package -Dmaven.test.skip=true -Dspotless.check.skip=true) >&2; then
      echo "streamcount: building $module failed; see: mvn -pl $module -am package -Dmaven.test.skip=true" >&2
      exit 1
    fi
    touch "$marker"
    # the jar now stands for these sources, even when Maven found nothing to repackage
    jar="$(module_jar "$module")"
    [[ -z "$jar" ]] || touch "$jar"
  fi
}

# module_classpath MODULE: its jar and dependencies (and, for the pipeline, the Spark jars that
# spark-submit would otherwise provide, for in-process Spark runs). Jars only, no classes
# directory: the JVM's class-data sharing (class_data_sharing below) accepts nothing else.
module_classpath() {
  local jar
  jar="$(module_jar "$1")"
  local cp="${jar:-$root/$1/target/classes}:$(cat "$root/$1/target/classpath.txt")"
  if [[ -f "$root/$1/target/classpath-provided.txt" ]]; then
    cp="$cp:$(cat "$root/$1/target/classpath-provided.txt")"
  fi
  echo "$cp"
}

# module_jar MODULE: the module's own jar (not the Spark job jar), if it was built.
module_jar() {
  find "$root/$1/target" -maxdepth 1 -name "*.jar" ! -name "*-spark.jar" ! -name "*-sources.jar" -print -quit
}

# jit_options NAME: the JIT for the launch NAME names (class_data_sharing's NAME: default, a
# profile or a runner). The DirectRunner runs on C1 alone: its time goes to Beam's scheduling over
# bundles of 100 lines, which C2 speeds up little, and on 2 cores C2's thread takes a core from the
# job (up to 1.7x faster on short inputs, no slower on 20M words). Spark keeps C2, which its long,
# CPU-heavy counts gain from; so does a profile file of the user's own. Measured in
# docs/performance-notes.md#the-jit. JAVA_OPTS comes later on the command line and wins.
jit_options() {
  case "$1" in
    default | direct | DirectRunner) echo "-XX:TieredStopAtLevel=1" ;;
  esac
}

# gc_options NAME: the garbage collector for the launch NAME names. Spark's launches run on the
# parallel collector: on 2 cores and a 1 GB heap it counted 20M words drawn by Zipf from a million
# 42-53% faster than G1, the JVM's default, and 20M uniform words 7-12% faster (bin/bench, measured
# in docs/performance-notes.md#garbage-collection). Not when JAVA_OPTS, JAVA_TOOL_OPTIONS or
# JDK_JAVA_OPTIONS choose a collector: the JVM refuses to start with two.
gc_options() {
  case " ${JAVA_OPTS:-} ${JAVA_TOOL_OPTIONS:-} ${JDK_JAVA_OPTIONS:-} " in
    *-XX:+Use*GC*) return 0 ;;
  esac
  case "$1" in
    spark-local | spark-local-throughput | spark-cluster | SparkRunner) echo "-XX:+UseParallelGC" ;;
  esac
}

# class_data_sharing MODULE NAME: JVM options for Application Class-Data Sharing (JEP 350). A JVM
# spends seconds of its start loading and verifying the ~10,000 classes of Beam, Spark and Kafka;
# from an archive of the classes a previous launch loaded, it maps them instead (bin/bench: a
# Spark launch's first count 3-4 s sooner). The first launch of each NAME (one archive per
# runner: they load different classes) writes the archive when it exits; later launches use it.
# An archive older than the module's jar (a rebuild, by ensure_built or by hand) or made for
# another classpath is made again: the JVM ignores, silently, one that does not match its
# classpath, and a `mvn test` in one module rewrites classpath.txt with the local repository's
# jars in place of the reactor's (every launch then paid the full class loading again, 2-3 s).
# So is one whose launch ended before a job ran (--help, a bad option, no broker): it holds a
# fraction of the classes, so the job leaves a mark once it runs (ClassDataMark) and an archive
# without one is not kept. WRITE=no maps an archive but never writes one (a launch that runs no
# job). STREAMCOUNT_CLASS_DATA=0 turns it off.
# class_data_sharing MODULE NAME CLASSPATH [WRITE]
class_data_sharing() {
  [[ "${STREAMCOUNT_CLASS_DATA:-1}" == 1 ]] || return 0
  # Java 17's shared classes and a class-file load hook (JFR, a Java agent) can crash the JVM
  # (seen here: SIGSEGV in KlassFactory::check_shared_class_file_load_hook under JFR): never both.
  case " ${JAVA_OPTS:-} ${JAVA_TOOL_OPTIONS:-} ${JDK_JAVA_OPTIONS:-} " in
    *FlightRecord* | *-javaagent* | *-agentlib* | *-agentpath*) return 0 ;;
  esac
  local dir="$root/$1/target/class-data"
  local archive="$dir/$2.jsa"
  local jar
  jar="$(module_jar "$1")"
  local made_for="$dir/$2.classpath"
  local ran="$dir/$2.ran"
  if [[ -f "$archive" ]] && { [[ ! -f "$ran" ]] || [[ -n "$jar" && "$jar" -nt "$archive" ]] ||
    [[ "$(cat "$made_for" 2>/dev/null)" != "$3" ]]; }; then
    rm -rf "$archive" "$ran" "$dir/$2.lock"
  fi
  # the JVM's notes about classes it cannot archive are no concern of the user's
  echo "-Xlog:cds=off" "-Xlog:cds+dynamic=off"
  if [[ -f "$archive" ]]; then
    echo "-XX:SharedArchiveFile=$archive"
    return 0
  fi
  [[ "${4:-yes}" == yes ]] || return 0
  mkdir -p "$dir"
  # One launch writes the archive; one whose writer died (no archive after 10 minutes) is replaced.
  find "$dir" -maxdepth 1 -name "$2.lock" -mmin +10 -exec rmdir {} + 2>/dev/null || true
  if mkdir "$dir/$2.lock" 2>/dev/null; then
    rm -f "$ran"
    printf '%s' "$3" >"$made_for"
    echo "-XX:ArchiveClassesAtExit=$archive" "-Dstreamcount.classDataMark=$ran"
  fi
}
