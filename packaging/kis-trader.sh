#!/bin/sh
# Starts the kis-trader jar, with its AppCDS archive when there is one (README "Faster start"):
# the JVM then maps the classes a start loads from the archive instead of reading, verifying and
# parsing them from the jar. The archive is used when it exists, is not older than the jar and its
# stamp (JSA.ok, written by cds-archive.sh) still gives both lengths; the
# JVM itself checks that it matches the jar and the JDK (-Xshare:auto), and without a usable
# archive it starts the same way, only slower. Build one with packaging/cds-archive.sh (or
# `./mvnw -B package -Pcds -pl engine -am -DskipTests`).
#
#   packaging/kis-trader.sh COMMAND [OPTIONS]        e.g. packaging/kis-trader.sh run
#
# KIS_TRADER_JAR  the jar (default: engine/target/kis-trader.jar of this checkout)
# KIS_TRADER_JSA  the archive (default: the jar's path with .jsa for .jar)
# JAVA_OPTS       more JVM options (e.g. -Xmx2g); JAVA_HOME picks the JDK (default: java on PATH)
# KIS_TRADER_JIT_DIRECTIVES  `run`'s JIT compiler directives (default: kis-trader-jit.json beside
#                 this script; empty: none). They keep C2 off code only a start runs (the JDK's class
#                 spinning for lambdas, the configuration parser): C2's CPU before LIVE a quarter to a third
#                 less, the engine's own code compiled as before (bench/README.md, branch live8).
#
# `backtest` (a run or a --sweep) gets -XX:+UseParallelGC unless JAVA_OPTS names a collector: a batch
# command allocates fast and wants throughput, not G1's pause goals, and G1's large, slowly reused
# young generation costs a fresh page fault for much of what it allocates on a VM whose kernel pages
# out cold memory (bench/README, the bt3 subsection). The AppCDS archive is still used (its classes).
set -eu

HERE=$(cd "$(dirname "$0")" && pwd -P)
JAR=${KIS_TRADER_JAR:-$HERE/../engine/target/kis-trader.jar}
if [ ! -f "$JAR" ]; then
  echo "kis-trader.sh: no jar at $JAR (build it: ./mvnw -B -q package -DskipTests)" >&2
  exit 2
fi
# The archive names the jar by the path it was built with: hand the JVM the same canonical path.
JAR=$(cd "$(dirname "$JAR")" && pwd -P)/$(basename "$JAR")
JSA=${KIS_TRADER_JSA:-${JAR%.jar}.jsa}

JAVA=java
if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
  JAVA=$JAVA_HOME/bin/java
fi

# The stamp cds-archive.sh wrote: the archive's length and the jar's. The JVM checks the jar itself,
# but not the archive's length, and a cut-short archive would crash it (SIGBUS) instead of being skipped.
usable() {
  [ -f "$JSA" ] && [ -f "$JSA.ok" ] && [ ! "$JSA" -ot "$JAR" ] \
    && [ "$(cat "$JSA.ok")" = "$(wc -c < "$JSA" | tr -d ' ') $(wc -c < "$JAR" | tr -d ' ')" ]
}
BATCH_OPTS=
case "${1:-} ${JAVA_OPTS:-}" in
  backtest\ *-XX:+Use*GC*) ;;
  backtest\ *) BATCH_OPTS=-XX:+UseParallelGC ;;
esac
# `run` only: the JVM prints a line on stdout when it reads the directives, which a command whose
# output is read by a program (status --json, config check) must not get, and only `run` restarts.
JIT_DIRECTIVES=
if [ "${1:-}" = run ]; then
  JIT_DIRECTIVES=${KIS_TRADER_JIT_DIRECTIVES-$HERE/kis-trader-jit.json}
fi
if [ -n "$JIT_DIRECTIVES" ] && [ ! -f "$JIT_DIRECTIVES" ]; then
  echo "kis-trader.sh: no compiler directives at $JIT_DIRECTIVES (KIS_TRADER_JIT_DIRECTIVES= starts without)" >&2
  exit 2
fi
# With the archive, map it where it was built to be mapped (ArchiveRelocationMode=0). JDK 17.0.15's
# default (1) maps it at a random address and then rewrites every pointer in the archive's ~70 MB,
# on the main thread before main() runs: 150 ms of a restart's CPU, every page of the archive made
# private (bench/README.md, branch live6). The price is the archive's metadata at a fixed address
# (no ASLR for it, as in JDK 17 before that default changed); a JVM that finds the address taken
# relocates as before. JAVA_OPTS comes after and wins: JAVA_OPTS=-XX:ArchiveRelocationMode=1.
CDS_OPTS=
if usable; then
  CDS_OPTS="-XX:+UnlockDiagnosticVMOptions -XX:ArchiveRelocationMode=0"
  # -Xshare:auto: an archive the JVM refuses (another JDK, a jar it was not built from) is skipped.
  set -- "-XX:SharedArchiveFile=$JSA" -Xshare:auto -jar "$JAR" "$@"
else
  set -- -jar "$JAR" "$@"
fi
if [ -n "$JIT_DIRECTIVES" ]; then
  # The JVM prints "1 compiler directives added" on its console when it has read them, and refuses
  # to start on a file it cannot parse.
  set -- -XX:+UnlockDiagnosticVMOptions "-XX:CompilerDirectivesFile=$JIT_DIRECTIVES" "$@"
fi
# shellcheck disable=SC2086 # CDS_OPTS and JAVA_OPTS are lists of options
exec "$JAVA" -XX:ErrorFile=data/log/hs_err_pid%p.log $BATCH_OPTS $CDS_OPTS ${JAVA_OPTS:-} "$@"
