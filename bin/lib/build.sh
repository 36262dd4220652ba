# Shared by the bin/ scripts: build what a script needs on first use (and again when its
# sources changed), then launch plain `java -cp` from the classpath Maven wrote.
# shellcheck shell=bash

java_bin() {
  if [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/java" ]]; then echo "$JAVA_HOME/bin/java"; else echo java; fi
}

# Spark on Java 17 needs these (its own launcher adds the same); harmless for the DirectRunner.
JAVA17_OPENS=(-XX:+IgnoreUnrecognizedVMOptions
  --add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.lang.invoke=ALL-UNNAMED
  --add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED
  --add-opens=java.base/java.net=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED
  --add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.util.concurrent=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED --add-opens=java.base/jdk.internal.ref=ALL-UNNAMED
  --add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/sun.nio.cs=ALL-UNNAMED
  --add-opens=java.base/sun.security.action=ALL-UNNAMED --add-opens=java.base/sun.util.calendar=ALL-UNNAMED
  -Djdk.reflect.useDirectMethodHandle=false)

# ensure_built MODULE: `mvn package` MODULE and what it needs, unless MODULE/target/classpath.txt
# exists and no source of the project is newer. STREAMCOUNT_REBUILD=1 forces it.
ensure_built() {
  local module="$1"
  local marker="$root/$module/target/classpath.txt"
  local stale=0
  if [[ ! -f "$marker" || "${STREAMCOUNT_REBUILD:-0}" == 1 ]]; then
    stale=1
  elif [[ -n "$(find "$root/pom.xml" "$root/$module/pom.xml" "$root/$module/src/main" "$root/kafka-local/src/main" \
        -newer "$marker" -print -quit 2>/dev/null)" ]]; then
    stale=1
  fi
  if [[ "$stale" == 1 ]]; then
    echo "streamcount: building $module (mvn package, about a minute the first time) ..." >&2
    if ! (cd "$root" && mvn -B -q -pl "$module" -am package -Dmaven.test.skip=true) >&2; then
      echo "streamcount: building $module failed; see: mvn -pl $module -am package -Dmaven.test.skip=true" >&2
      exit 1
    fi
    touch "$marker"
  fi
}

# module_classpath MODULE: its classes and dependencies (and, for the pipeline, the Spark jars
# that spark-submit would otherwise provide, for in-process Spark runs).
module_classpath() {
  local cp="$root/$1/target/classes:$(cat "$root/$1/target/classpath.txt")"
  if [[ -f "$root/$1/target/classpath-provided.txt" ]]; then
    cp="$cp:$(cat "$root/$1/target/classpath-provided.txt")"
  fi
  echo "$cp"
}
