#!/bin/sh
# Builds the AppCDS archive of the kis-trader jar (README "Faster start"): training runs of `run` on
# the embedded kis-sim in a throwaway data dir (dashboard on a free port). The first start makes the
# data dir (journals, snapshots, the simulator's account) and trades for KIS_CDS_TRADE_SECONDS
# (default 5); the second starts again on that data dir, as every later start of an engine does
# (journal check, recovery, the gap fill after connect against orders the journal knows), and is
# stopped with SIGTERM once every configured demo agent was reconciled and may trade and the KIS
# connection is LIVE, or after KIS_CDS_TRAIN_SECONDS (default 60) at most per start; that JVM
# writes the classes it loaded (-XX:ArchiveClassesAtExit) as it exits. Archiving the restart's
# classes, not a first start's, keeps the recovery and reconcile paths and their lambdas out of the
# jar at every start after. Before training, the jar's Java 5 class files (picocli, leveldbjni), which
# JDK 17 cannot archive, are rewritten in place as Java 8 class files with stack map frames, the same
# bytecode otherwise (packaging/ClassFileUpgrade.java; every rewritten class is verified by the JVM
# first, else the jar is left as it was). packaging/kis-trader.sh uses the archive.
#
#   packaging/cds-archive.sh JAR [JSA]        JSA default: the jar's path with .jsa for .jar
#
# The archive belongs to this jar and this JDK: rebuild it with them (the JVM refuses a mismatched
# one and starts without it). Exit 0 with the archive written, 1 when a training run failed
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
TRADE_SECONDS=${KIS_CDS_TRADE_SECONDS:-5}
JAVA=java
if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
  JAVA=$JAVA_HOME/bin/java
fi

HERE=$(cd "$(dirname "$0")" && pwd -P)
WORK=$(mktemp -d "${TMPDIR:-/tmp}/kis-cds.XXXXXX")
PID=
cleanup() {
  if [ -n "$PID" ]; then kill -KILL "$PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT INT TERM
cat > "$WORK/training.conf" <<'CONF'
kis.dashboard { host = "127.0.0.1", port = 0 }
CONF
AGENTS=3 # conf/application.conf's demo agents

# Starts `run` on the training data dir with the JVM options given, into LOG; PID is its process.
start() {
  LOG=$1
  shift
  "$JAVA" "$@" -Xshare:auto -jar "$JAR" run --config "$WORK/training.conf" --data-dir "$WORK/data" > "$LOG" 2>&1 &
  PID=$!
}

# Waits until every demo agent may trade and the connection is LIVE (0), or the run ended or ran out of time (1).
live() {
  waited=0
  while kill -0 "$PID" 2>/dev/null && [ "$waited" -lt "$((SECONDS_MAX * 5))" ]; do
    # The log may not exist yet in the first instants (the shell opens it in the background).
    trading=$(grep -c 'may trade' "$1" 2>/dev/null || true)
    if [ "${trading:-0}" -ge "$AGENTS" ] && grep -q -- '-> LIVE' "$1"; then
      return 0
    fi
    sleep 0.2
    waited=$((waited + 1))
  done
  return 1
}

# Stops the run with SIGTERM (its coordinated shutdown; the JVM dumps the archive then, when asked to).
stop() {
  kill -TERM "$PID" 2>/dev/null || true
  rc=0
  wait "$PID" || rc=$?
  PID=
}

if ! "$JAVA" --add-exports java.base/jdk.internal.org.objectweb.asm=ALL-UNNAMED "$HERE/ClassFileUpgrade.java" "$JAR" "$JAR"; then
  echo "cds-archive: the jar's Java 5 class files stay as they were (read from the jar at every start)" >&2
fi

start "$WORK/first.log"
if ! live "$WORK/first.log"; then
  echo "cds-archive: the first training run did not reach LIVE; no archive. Its output:" >&2
  tail -20 "$WORK/first.log" >&2
  exit 1
fi
sleep "$TRADE_SECONDS"
stop

start "$WORK/run.log" -XX:ArchiveClassesAtExit="$WORK/archive.jsa"
if ! live "$WORK/run.log"; then
  echo "cds-archive: the training restart did not reach LIVE; no archive. Its output:" >&2
  tail -20 "$WORK/run.log" >&2
  exit 1
fi
stop
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
