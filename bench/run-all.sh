#!/usr/bin/env bash
# Builds bench.jar with the reactor and runs every benchmark in its own JVM, then prints one
# table (figure | measured | baseline | ratio | target | met?). About 8-9 minutes on 2 cores.
# Options via the environment: BENCH_SKIP_BUILD=1, BENCH_DIR (scratch dir on a real disk),
# BENCH_JFR=1 (a JFR recording per program into bench/target/jfr/). The machine's load average is
# printed before and after: on a shared machine it is part of the figure.
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ "${BENCH_SKIP_BUILD:-0}" != 1 ]]; then
  mvn -q -B -pl bench -am package -DskipTests
fi
JAR=bench/target/bench.jar
OUT=bench/target/bench-rows.txt
: > "$OUT"
JAVA_OPTS=(-Xms1g -Xmx2g)
[[ -n "${BENCH_DIR:-}" ]] && JAVA_OPTS+=("-Dbench.dir=$BENCH_DIR")
run() {
  local name=$1; shift
  local opts=("${JAVA_OPTS[@]}")
  if [[ "${BENCH_JFR:-0}" == 1 ]]; then
    mkdir -p bench/target/jfr
    opts+=("-XX:StartFlightRecording=filename=bench/target/jfr/$name.jfr,settings=profile")
  fi
  echo ">> $name $*" >&2
  java "${opts[@]}" -cp "$JAR" "kis.bench.$name" "$@" 2> >(grep -v -e DEBUG -e INFO -e SLF4J >&2) | tee -a "$OUT"
}
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
run BacktestThroughput 2000 5
run SweepScaling 300 3
run JournalThroughput 10 100
run Recovery 100 10000
run TickToOrderLatency 60 50
run DeadStreamDetection 5 1 10 10
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
echo
java -cp "$JAR" kis.bench.RunAll < "$OUT"
