#!/usr/bin/env bash
# Summarises a JFR recording: the hottest top frames (self time) of jdk.ExecutionSample, and the
# hottest frames anywhere on the stack (inclusive), as counts of samples.
# Usage: bench/jfr-top.sh FILE.jfr [N]
set -euo pipefail
f=$1; n=${2:-15}
samples=$(jfr print --stack-depth 64 --events jdk.ExecutionSample "$f") # the default depth (5) hides every caller
echo "samples: $(grep -c 'jdk.ExecutionSample' <<<"$samples")"
echo "-- top frames (self)"
grep -A1 'stackTrace = \[' <<<"$samples" | grep -v -e 'stackTrace' -e '^--' | sed -e 's/line:.*//' -e 's/^ *//' \
  | sort | uniq -c | sort -rn | head -"$n"
echo "-- kis.* / pekko frames anywhere on the stack (inclusive)"
awk '/stackTrace = \[/{inst=1; delete seen; next} /^ *\]/{inst=0} inst{gsub(/line:.*/,""); gsub(/^ +/,""); if(!seen[$0]++) print}' <<<"$samples" \
  | grep -e '^kis\.' -e 'pekko.persistence' -e 'jackson.dataformat' | sort | uniq -c | sort -rn | head -"$n"
