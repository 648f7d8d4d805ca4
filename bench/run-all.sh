#!/usr/bin/env bash
# Issue 17's figures in one go: builds bench.jar once through the reactor, runs every benchmark in
# its own JVM one after the other, then prints the programs' detail rows and ONE summary table
# (figure | measured | baseline from the same run | ratio | target | MET / MISSED), judged by
# kis.bench.Targets on the programs' RESULT lines, with the load average at the start and the end
# and the core count. Needs only JDK 17 and the Maven wrapper (or Maven).
#
#   bench/run-all.sh           full sizes (the issue's): ~9-12 min on 2 quiet cores (estimated)
#   bench/run-all.sh --quick   small sizes, a smoke run of every row: ~3 min on 2 quiet
#                              cores (estimated; 9 min at load 24-59)
#                              (not the issue's figures: fewer agents and events, shorter runs, no
#                              60 s fixed-limit dead-stream trial)
# Environment: BENCH_SKIP_BUILD=1 (reuse bench/target/bench.jar and engine/target/kis-trader.jar with
# its AppCDS archive if any), BENCH_CDS=0 (build no AppCDS archive), BENCH_MVN_ARGS (e.g. -o),
# BENCH_DIR (scratch dir for journals on a real disk, not tmpfs), BENCH_JFR=1 (a JFR recording per
# program in bench/target/jfr/). A program that fails leaves its rows as NO FIGURE; the rest run.
set -euo pipefail
cd "$(dirname "$0")/.."
QUICK=0
for arg in "$@"; do
  case "$arg" in
    --quick) QUICK=1 ;;
    -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
    *) echo "unknown argument: $arg (see --help)" >&2; exit 2 ;;
  esac
done

if [[ "${BENCH_SKIP_BUILD:-0}" != 1 ]]; then
  MVN=./mvnw
  [[ -x "$MVN" ]] || MVN=mvn
  # shellcheck disable=SC2086 # BENCH_MVN_ARGS is a list of options
  "$MVN" -q -B ${BENCH_MVN_ARGS:-} -pl bench -am -DskipTests package
  # The engine jar's AppCDS archive, as `-Pcds` builds it and packaging/kis-trader.sh passes it (README
  # "Faster start"): RestartToLive starts the engine with it. Without one (the training run failed) the
  # restarts run on the plain jar and the summary says "no AppCDS archive".
  if [[ "${BENCH_CDS:-1}" == 1 ]]; then
    packaging/cds-archive.sh engine/target/kis-trader.jar >&2 \
      || echo "run-all: no AppCDS archive for the engine jar; RestartToLive starts it without one" >&2
  fi
fi
JAR=bench/target/bench.jar
OUT=bench/target/bench-rows.txt
mkdir -p bench/target
: > "$OUT"
JAVA_OPTS=(-Xms1g -Xmx2g)
[[ -n "${BENCH_DIR:-}" ]] && JAVA_OPTS+=("-Dbench.dir=$BENCH_DIR")

load1() { cut -d' ' -f1 /proc/loadavg 2>/dev/null || echo -1; }
CORES=$(nproc 2>/dev/null || getconf _NPROCESSORS_ONLN)
START=$(date -u +%s)
echo "RESULT run.loadStart=$(load1) run.cores=$CORES run.quick=$QUICK" | tee -a "$OUT"
echo "run-all $([[ $QUICK == 1 ]] && echo --quick) $(date -u '+%F %T UTC'), $CORES cores, load average $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null)" >&2

# The backtest programs run with the collector the `backtest` command gets from packaging/kis-trader.sh
# (-XX:+UseParallelGC): their rows are that command's speed, and the bare read runs in the same JVM.
BATCH_OPTS="-XX:+UseParallelGC"
batch() { EXTRA_OPTS=$BATCH_OPTS run "$@"; }

run() {
  local name=$1; shift
  local opts=("${JAVA_OPTS[@]}")
  # shellcheck disable=SC2206 # EXTRA_OPTS is a list of options
  [[ -n "${EXTRA_OPTS:-}" ]] && opts+=(${EXTRA_OPTS})
  if [[ "${BENCH_JFR:-0}" == 1 ]]; then
    mkdir -p bench/target/jfr
    opts+=("-XX:StartFlightRecording=filename=bench/target/jfr/$name.jfr,settings=profile")
  fi
  local t0=$SECONDS
  echo ">> $name $* (load $(load1))" >&2
  if ! java "${opts[@]}" -cp "$JAR" "kis.bench.$name" "$@" \
      2> >(grep --line-buffered -v -e DEBUG -e INFO -e SLF4J >&2) | tee -a "$OUT"; then
    echo "!! $name failed: its rows will read NO FIGURE" >&2
  fi
  echo "<< $name $((SECONDS - t0)) s" >&2
}

if [[ $QUICK == 1 ]]; then
  batch BacktestThroughput 300 3 5
  batch BacktestDigest check
  batch SweepScaling 300 1
  run JournalThroughput 10 30
  run Recovery 20 2000 3
  run TickToOrderLatency 10 50
  run DeadStreamDetection 2 0 2 10
  run RestartToLive 3 10 3 1
else
  batch BacktestThroughput 2000 5
  batch BacktestDigest check
  batch SweepScaling 2000 5
  run JournalThroughput 10 100
  run Recovery 100 10000 5
  run TickToOrderLatency 60 50
  run DeadStreamDetection 5 1 10 10
  run RestartToLive 10 10 5 1
fi

echo "RESULT run.loadEnd=$(load1) run.seconds=$(( $(date -u +%s) - START ))" | tee -a "$OUT"
echo
java -cp "$JAR" kis.bench.RunAll < "$OUT"
echo "run-all took $(( $(date -u +%s) - START )) s after the build"
