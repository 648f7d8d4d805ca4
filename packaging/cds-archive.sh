#!/bin/sh
# Builds the AppCDS archive of the kis-trader jar (README "Faster start"): one training run of
# `run` on the embedded kis-sim in a throwaway data dir (dashboard on a free port, the simulator's
# state not kept), stopped with SIGTERM once every configured demo agent was reconciled and may
# trade, or after KIS_CDS_TRAIN_SECONDS (default 60) at most; the JVM writes the classes that run
# loaded (-XX:ArchiveClassesAtExit) as it exits. packaging/kis-trader.sh uses the archive.
#
#   packaging/cds-archive.sh JAR [JSA]        JSA default: the jar's path with .jsa for .jar
#
# The archive belongs to this jar and this JDK: rebuild it with them (the JVM refuses a mismatched
# one and starts without it). Exit 0 with the archive written, 1 when the training run failed
# (no archive is left behind then). Next to the archive: JSA.ok, the archive's and the jar's length,
# which packaging/kis-trader.sh checks before it passes the archive.
set -eu

if [ $# -lt 1 ]; then
  echo "usage: $0 JAR [JSA]" >&2
  exit 2
fi
JAR=$(cd "$(dirname "$1")" && pwd -P)/$(basename "$1")
JSA=${2:-${JAR%.jar}.jsa}
SECONDS_MAX=${KIS_CDS_TRAIN_SECONDS:-60}
JAVA=java
if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
  JAVA=$JAVA_HOME/bin/java
fi

WORK=$(mktemp -d "${TMPDIR:-/tmp}/kis-cds.XXXXXX")
PID=
cleanup() {
  if [ -n "$PID" ]; then kill -KILL "$PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT INT TERM
cat > "$WORK/training.conf" <<'CONF'
kis.dashboard { host = "127.0.0.1", port = 0 }
kis-trader.embedded-sim.keep-state = off
CONF
AGENTS=3 # conf/application.conf's demo agents

"$JAVA" -XX:ArchiveClassesAtExit="$WORK/archive.jsa" -Xshare:auto -jar "$JAR" \
  run --config "$WORK/training.conf" --data-dir "$WORK/data" > "$WORK/run.log" 2>&1 &
PID=$!
waited=0
while kill -0 "$PID" 2>/dev/null && [ "$(grep -c 'may trade' "$WORK/run.log" || true)" -lt "$AGENTS" ] \
    && [ "$waited" -lt "$((SECONDS_MAX * 5))" ]; do
  sleep 0.2
  waited=$((waited + 1))
done
if ! grep -q 'may trade' "$WORK/run.log"; then
  echo "cds-archive: the training run did not reach trading; no archive. Its output:" >&2
  tail -20 "$WORK/run.log" >&2
  exit 1
fi
kill -TERM "$PID" 2>/dev/null || true
rc=0
wait "$PID" || rc=$?
PID=
if [ ! -s "$WORK/archive.jsa" ]; then
  echo "cds-archive: the training run exited ($rc) without writing the archive; no archive. Its output:" >&2
  tail -20 "$WORK/run.log" >&2
  exit 1
fi
# A dump cut short maps as garbage (the JVM does not check the file's length: SIGBUS at start), so
# the archive is tried once with -Xshare:on (fail rather than fall back) before it is kept.
if ! "$JAVA" -XX:SharedArchiveFile="$WORK/archive.jsa" -Xshare:on -jar "$JAR" --version > "$WORK/check.log" 2>&1; then
  echo "cds-archive: the JVM cannot use the archive the training run wrote; no archive. Its output:" >&2
  tail -20 "$WORK/check.log" >&2
  exit 1
fi
# The stamp the launcher checks before passing the archive: its length and the jar's.
rm -f "$JSA.ok"
mv -f "$WORK/archive.jsa" "$JSA"
echo "$(wc -c < "$JSA" | tr -d ' ') $(wc -c < "$JAR" | tr -d ' ')" > "$JSA.ok"
echo "cds-archive: $JSA ($(wc -c < "$JSA") bytes) for $JAR"
