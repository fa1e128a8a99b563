#!/usr/bin/env bash
# interleaved hot-path rounds: entries "label:jar:client"
set -u
OUT=${OUT:-/tmp/hp}; ROUNDS=${ROUNDS:-7}; N=${N:-80000}; W=${W:-200000}
mkdir -p $OUT/logs
ENTRIES=("$@")
echo "start $(date -u +%FT%TZ) load $(cut -d' ' -f1-3 /proc/loadavg)" >> $OUT/machine.txt
for r in $(seq 1 $ROUNDS); do
  k=${#ENTRIES[@]}
  for i in $(seq 0 $((k-1))); do
    e=${ENTRIES[$(( (i + r - 1) % k ))]}
    label=${e%%:*}; rest=${e#*:}; jar=${rest%%:*}; client=${rest#*:}
    load=$(cut -d' ' -f1-3 /proc/loadavg)
    timeout 600 java -XX:+UseG1GC -Xmx512m -cp "$jar/bytez-benchmarks.jar:$jar/lib/*" io.github.bytezspring.benchmarks.LoadMain \
      client=$client scenario=run base-url=http://127.0.0.1:18080 requests=$N warmup=$W concurrency=64 \
      label="$label-r$r" out=$OUT/results.jsonl > $OUT/logs/r$r-$label.log 2>&1
    echo "{\"round\":$r,\"label\":\"$label\",\"exit\":$?,\"loadavg\":\"$load\"}" >> $OUT/runs.jsonl
  done
done
echo "end $(date -u +%FT%TZ) load $(cut -d' ' -f1-3 /proc/loadavg)" >> $OUT/machine.txt
