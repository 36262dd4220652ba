# Shared by the bin/ scripts: build a module once, on first use, quietly but visibly.
# shellcheck shell=bash

java_bin() {
  if [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/java" ]]; then echo "$JAVA_HOME/bin/java"; else echo java; fi
}

# ensure_built MODULE PATH... : runs `mvn package` for MODULE (and what it needs) unless every
# PATH exists. Set STREAMCOUNT_REBUILD=1 to force it.
ensure_built() {
  local module="$1"; shift
  local missing=0 p
  for p in "$@"; do [[ -e "$p" ]] || missing=1; done
  if [[ "$missing" == 1 || "${STREAMCOUNT_REBUILD:-0}" == 1 ]]; then
    echo "streamcount: building $module (first run only; mvn package -DskipTests) ..." >&2
    (cd "$root" && mvn -B -q -pl "$module" -am package -DskipTests) >&2 \
      || { echo "streamcount: building $module failed; run: mvn -pl $module -am package" >&2; exit 1; }
  fi
}
