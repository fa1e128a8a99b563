#!/usr/bin/env bash
# Runs the benchmarks of issue 7 on this machine, on loopback only, and prints the results table.
#
#   benchmarks/run.sh            # the full run (about 8 minutes on 2 cores)
#   ROUNDS=1 benchmarks/run.sh   # one round of the run and time-to-first-chunk workloads
#   QUICK=1 benchmarks/run.sh    # a smoke test of the script itself: tiny counts, one round
#   FLEET_ONLY=1 benchmarks/run.sh   # only the fleet rows, each instance its own JVM (about 3 minutes)
#   HOTPATH_ONLY=1 benchmarks/run.sh # only issue 21's run-path comparison: BytezTemplate against Boot's
#                                    # WebClient.Builder reading a JsonNode, interleaved rounds (about 7 minutes)
#                                    # (HOTPATH_ROUNDS=7 HOTPATH_N=80000 HOTPATH_WARMUP=200000 by default: after
#                                    # 40,000 warm-up runs C2 still compiles on one of the 2 cores during the
#                                    # measured phase, which made rounds bimodal; HOTPATH_JFR=1 adds one
#                                    # profiled template process)
#   (settings may also be given as arguments: benchmarks/run.sh QUICK=1)
#
# Builds the harness, installs nginx (Debian) and bytez.js (npm) when missing, starts nginx and the
# stream stub on free 127.0.0.1 ports, runs each client in its own process one after another, stops
# everything on exit, and writes benchmarks/results/ (raw JSON lines, JMH JSON, machine, report.md).
set -euo pipefail
for setting in "$@"; do
  case "$setting" in
    *=*) export "${setting?}" ;;
    *) echo "unknown argument: $setting (expected NAME=VALUE)" >&2; exit 2 ;;
  esac
done

HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(dirname "$HERE")"
RESULTS="$HERE/results"
ROUNDS="${ROUNDS:-3}"
RUN_N=20000 RUN_WARMUP=20000 TTFB_N=3000 TTFB_WARMUP=1000 STREAMS=10000 MEDIA_BLOCKS=3200
JMH_ARGS=(-f 1 -wi 3 -i 3 -w 2s -r 2s)
if [ "${QUICK:-0}" = 1 ]; then
  ROUNDS=1 RUN_N=2000 RUN_WARMUP=1000 TTFB_N=200 TTFB_WARMUP=100 STREAMS=500 MEDIA_BLOCKS=160
  JMH_ARGS=(-f 1 -wi 0 -i 1 -w 1s -r 1s RequestUriBenchmark)
fi
WORK="$(mktemp -d /tmp/bytez-bench.XXXXXX)"
PIDS=()

cleanup() {
  for pid in "${PIDS[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in "${PIDS[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
  rm -rf "$WORK"
}
trap cleanup EXIT INT TERM

log() { printf '\n== %s\n' "$*" >&2; }

install_if_missing() { # command, Debian package
  if ! command -v "$1" >/dev/null 2>&1 && [ ! -x "/usr/sbin/$1" ]; then
    log "installing $2"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" >/dev/null
  fi
}

FLEET_WARMUP=3 FLEET_MEASURE=10
if [ "${QUICK:-0}" = 1 ]; then FLEET_WARMUP=1 FLEET_MEASURE=2; fi

install_if_missing redis-server redis-server
install_if_missing wrk wrk
install_if_missing nginx nginx-light
install_if_missing node nodejs
install_if_missing npm npm
NGINX="$(command -v nginx || echo /usr/sbin/nginx)"

if [ ! -d "$HERE/js/node_modules/bytez.js" ]; then
  log "installing bytez.js from package-lock.json"
  (cd "$HERE/js" && npm ci --no-audit --no-fund --loglevel=error)
fi

log "building the harness"
(cd "$ROOT" && ./mvnw -B -ntp -q -Pbenchmarks -pl benchmarks -am package -DskipTests)
CP="$HERE/target/bytez-benchmarks.jar:$HERE/target/lib/*"

free_port() {
  node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}

wait_for_port() { # port
  for _ in $(seq 1 100); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; then return 0; fi
    sleep 0.1
  done
  echo "nothing listens on 127.0.0.1:$1" >&2
  return 1
}

# fleet_budget: issue 22's rows, every instance its own JVM process (a Boot application with the starter
# and Redisson): the ceiling, 1, 2 and 3 instances sharing the plan through Redis, 3 at a static split and
# 3 uncoordinated, against a loopback plan stand-in of 4 calls in flight, 20 ms each, 429 beyond; Redis
# on a free port; then HandOverProbeMain (a permit handed between two processes, without HTTP)
fleet_budget() {
  log "fleet budget: plan of 4 x 20 ms, 1-3 instance processes, ${FLEET_WARMUP}s warm-up, ${FLEET_MEASURE}s measured per row"
  local redis_port redis_pid status=0
  redis_port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
  redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no >"$RESULTS/logs/redis.log" 2>&1 &
  redis_pid=$!
  PIDS+=("$redis_pid")
  wait_for_port "$redis_port"
  timeout 600 java -XX:+UseG1GC -Xmx256m -cp "$CP" io.github.bytezspring.benchmarks.FleetMain \
    redis-url="redis://127.0.0.1:$redis_port" plan=4 service-ms=20 ks=1,2,3 demand=16 \
    warmup-s="$FLEET_WARMUP" measure-s="$FLEET_MEASURE" out="$RESULTS/fleet.jsonl" \
    >"$RESULTS/logs/fleet.log" 2>&1 || status=$?
  # where a hand-over between processes spends its time, without HTTP (results/handover-probe.txt)
  timeout 300 java -Xmx256m -cp "$CP" io.github.bytezspring.benchmarks.HandOverProbeMain \
    redis-url="redis://127.0.0.1:$redis_port" n=300 out="$RESULTS/handover-probe.txt" \
    >"$RESULTS/logs/handover-probe.log" 2>&1 || status=$?
  kill "$redis_pid" 2>/dev/null || true
  cat "$RESULTS/fleet.jsonl" "$RESULTS/handover-probe.txt" >&2 || true
  echo "(fleet exit $status)" >&2
}

if [ "${FLEET_ONLY:-0}" = 1 ]; then
  # keeps the other committed results; replaces only fleet.jsonl
  mkdir -p "$RESULTS/logs"
  rm -f "$RESULTS/fleet.jsonl" "$RESULTS/handover-probe.txt"
  fleet_budget
  exit 0
fi

start_nginx() {
  log "starting nginx"
  NGINX_PORT="$(free_port)"
  sed -e "s#@PORT@#$NGINX_PORT#g" -e "s#@DIR@#$WORK#g" "$HERE/nginx.conf.template" >"$WORK/nginx.conf"
  "$NGINX" -c "$WORK/nginx.conf" -p "$WORK" >"$RESULTS/logs/nginx.log" 2>&1 &
  NGINX_PID=$!
  PIDS+=("$NGINX_PID")
  wait_for_port "$NGINX_PORT"
  NGINX_WORKER="$(pgrep -P "$NGINX_PID" | head -1)"
}

# hot_path: issue 21's comparison only. BytezTemplate as auto-configured against Boot's own
# WebClient.Builder posting the same bytes and reading a JsonNode (same application, same starters),
# and that client with an observation of its own around each call; each process alone, the three
# interleaved round by round (which goes first rotates); writes
# results/hotpath/ (raw JSON lines, JFR summary, summary.md) and keeps the other committed results
hot_path() {
  local rounds="${HOTPATH_ROUNDS:-7}" n="${HOTPATH_N:-80000}" warmup="${HOTPATH_WARMUP:-200000}"
  local out="$RESULTS/hotpath" main=io.github.bytezspring.benchmarks.LoadMain
  if [ "${QUICK:-0}" = 1 ]; then rounds=1 n=2000 warmup=1000; fi
  rm -rf "$out"
  mkdir -p "$out/logs" "$RESULTS/logs"
  start_nginx
  {
    echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
    echo "commit: $(cd "$ROOT" && git rev-parse --short HEAD)$(cd "$ROOT" && git diff --quiet HEAD -- bytez-client bytez-spring-boot-autoconfigure benchmarks/src || echo ' (with uncommitted changes)')"
    echo "nproc: $(nproc)"
    echo "java: $(java -version 2>&1 | head -1)"
    echo "loadavg at start: $(cat /proc/loadavg)"
  } >"$out/machine.txt"
  log "hot path: $n runs at concurrency 64 after $warmup warm-up runs, $rounds interleaved round(s)"
  local round client order
  # boot-webclient-observed: Boot's client with one observation of its own around each call (as the
  # template's bytez.client.requests), what keeping a per-call observation costs any client;
  # HOTPATH_CLIENTS may add template-no-http-observation (the template without Boot's per-attempt
  # http.client.requests child observation)
  local clients=(${HOTPATH_CLIENTS:-boot-webclient template boot-webclient-observed})
  for round in $(seq 1 "$rounds"); do
    # each client goes first, second, ... in turn
    order=""
    local i
    for i in "${!clients[@]}"; do order="$order ${clients[$(( (i + round - 1) % ${#clients[@]} ))]}"; done
    for client in $order; do
      local load status=0
      load="$(cut -d' ' -f1-3 /proc/loadavg)"
      printf '   round %s %-24s load %s  ' "$round" "$client" "$load" >&2
      timeout 600 java -XX:+UseG1GC -Xmx512m -cp "$CP" $main client=$client scenario=run base-url="http://127.0.0.1:$NGINX_PORT" \
        requests="$n" warmup="$warmup" concurrency=64 label="hotpath-r$round" out="$out/results.jsonl" \
        >"$out/logs/r$round-$client.log" 2>&1 || status=$?
      printf '{"round":%d,"client":"%s","exit":%d,"loadavg":"%s"}\n' "$round" "$client" "$status" "$load" >>"$out/runs.jsonl"
      grep -o '"rps":[0-9.]*\|"cpuSecondsPer1k":[0-9.]*\|"errors":[0-9]*' "$out/logs/r$round-$client.log" | tr '\n' ' ' >&2 || true
      echo "(exit $status)" >&2
    done
  done
  if [ "${HOTPATH_JFR:-0}" = 1 ]; then
    log "hot path: one template process under JFR (1 ms CPU samples, allocation samples)"
    java -XX:+UseG1GC -Xmx512m -cp "$CP" $main client=template scenario=run base-url="http://127.0.0.1:$NGINX_PORT" \
      requests="$n" warmup="$warmup" concurrency=64 jfr="$WORK/template-hotpath.jfr" >"$out/logs/profile.log" 2>&1 || true
    local jfr_tool
    jfr_tool="$(dirname "$(readlink -f "$(command -v java)")")/jfr"
    python3 "$HERE/tools/jfr-summary.py" "$WORK/template-hotpath.jfr" "$jfr_tool" >"$out/profile-template.txt" 2>&1 || true
    python3 "$HERE/tools/jfr-alloc-summary.py" "$WORK/template-hotpath.jfr" "$jfr_tool" >>"$out/profile-template.txt" 2>&1 || true
  fi
  echo "loadavg at end: $(cat /proc/loadavg)" >>"$out/machine.txt"
  python3 "$HERE/tools/hotpath-summary.py" "$out" | tee "$out/summary.md"
}

if [ "${HOTPATH_ONLY:-0}" = 1 ]; then
  hot_path
  exit 0
fi

rm -rf "$RESULTS"
mkdir -p "$RESULTS/logs"

start_nginx

java -Xmx1g -cp "$CP" io.github.bytezspring.benchmarks.StreamStub 0 >"$WORK/stub.out" 2>"$RESULTS/logs/stub.log" &
PIDS+=($!)
STUB_PID=$!
for _ in $(seq 1 100); do grep -q '^PORT ' "$WORK/stub.out" 2>/dev/null && break; sleep 0.1; done
STUB_PORT="$(awk '/^PORT /{print $2}' "$WORK/stub.out")"
wait_for_port "$STUB_PORT"

{
  echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "nproc: $(nproc)"
  echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //')"
  echo "free -h:"; free -h
  echo "java -version:"; java -version 2>&1
  echo "node -v: $(node -v)"
  echo "nginx: $("$NGINX" -v 2>&1)"
  echo "loadavg at start: $(cat /proc/loadavg)"
} >"$RESULTS/machine.txt"

cpu_seconds() { # pid: utime + stime of the process, in seconds
  awk -v hz="$(getconf CLK_TCK)" '{printf "%.3f", ($14 + $15) / hz}' "/proc/$1/stat"
}

# run_client LABEL CLIENT STUBPID COMMAND...: one client in its own process; records the stub's CPU
# time during the run and the load average before it (other work on the machine shows up there)
run_client() {
  local label="$1" client="$2" stub_pid="$3"
  shift 3
  local load stub_before stub_after status=0 cmdline="$*"
  cmdline="${cmdline//"$CP"/\$CP}"
  cmdline="${cmdline//"$HERE/"/}"
  load="$(cut -d' ' -f1-3 /proc/loadavg)"
  stub_before="$(cpu_seconds "$stub_pid")"
  printf '   %-22s %-10s ' "$label" "$client" >&2
  timeout 600 "$@" label="$label" out="$RESULTS/results.jsonl" >"$RESULTS/logs/$label-$client.log" 2>&1 || status=$?
  stub_after="$(cpu_seconds "$stub_pid")"
  printf '{"label":"%s","client":"%s","exit":%d,"loadavg":"%s","stubCpuSeconds":%s,"command":"%s"}\n' \
    "$label" "$client" "$status" "$load" "$(awk -v a="$stub_before" -v b="$stub_after" 'BEGIN{printf "%.3f", b-a}')" \
    "$cmdline" >>"$RESULTS/runs.jsonl"
  grep -o '"rps":[0-9.]*\|"errors":[0-9]*\|"ttfbP50Ms":[0-9.]*\|"mibPerSecond":[0-9.]*\|"firstError":"[^"]*' \
    "$RESULTS/logs/$label-$client.log" | tr '\n' ' ' >&2 || true
  echo "(exit $status)" >&2
}

JAVA=(java -XX:+UseG1GC)
NGINX_URL="http://127.0.0.1:$NGINX_PORT"
STUB_URL="http://127.0.0.1:$STUB_PORT"
MAIN=io.github.bytezspring.benchmarks.LoadMain

log "run: 20,000 runs at concurrency 64 after 20,000 warm-up runs, $ROUNDS round(s), clients interleaved"
for round in $(seq 1 "$ROUNDS"); do
  run_client "run-r$round" webclient "$NGINX_WORKER" "${JAVA[@]}" -Xmx512m -cp "$CP" $MAIN client=webclient scenario=run \
    base-url="$NGINX_URL" requests=$RUN_N warmup=$RUN_WARMUP concurrency=64
  run_client "run-r$round" template "$NGINX_WORKER" "${JAVA[@]}" -Xmx512m -cp "$CP" $MAIN client=template scenario=run \
    base-url="$NGINX_URL" requests=$RUN_N warmup=$RUN_WARMUP concurrency=64
  run_client "run-r$round" bytez.js "$NGINX_WORKER" node "$HERE/js/drive.mjs" \
    base-url="$NGINX_URL" requests=$RUN_N warmup=$RUN_WARMUP concurrency=64
  # for reference: the same template built without Boot (no observations, no response compression)
  run_client "run-r$round" template-without-boot "$NGINX_WORKER" "${JAVA[@]}" -Xmx512m -cp "$CP" $MAIN \
    client=template-without-boot scenario=run base-url="$NGINX_URL" requests=$RUN_N warmup=$RUN_WARMUP concurrency=64
done

log "time to first chunk: 3,000 streams of 5 chunks 20 ms apart at concurrency 16, $ROUNDS round(s)"
for round in $(seq 1 "$ROUNDS"); do
  for client in webclient template; do
    run_client "ttfb-r$round" "$client" "$STUB_PID" "${JAVA[@]}" -Xmx512m -cp "$CP" $MAIN client=$client scenario=stream \
      base-url="$STUB_URL" requests=$TTFB_N warmup=$TTFB_WARMUP concurrency=16 warmup-concurrency=16 chunks=5 gap-ms=20
  done
done

log "10,000 concurrent streams of 50 chunks 20 ms apart, -Xmx512m"
# (a) as auto-configured: the starter's own pool, 500 connections; further streams wait for one
run_client "streams10k-pool-default" template "$STUB_PID" "${JAVA[@]}" -Xmx512m -cp "$CP" $MAIN client=template \
  scenario=stream base-url="$STUB_URL" requests=$STREAMS warmup=200 concurrency=$STREAMS chunks=50 gap-ms=20
# (b) the documented setting, as an application property of the template: a pool of 10,000 connections
run_client "streams10k-pool-10000" template "$STUB_PID" "${JAVA[@]}" -Xmx512m -cp "$CP" $MAIN client=template \
  properties=bytez.pool.max-connections=10000 scenario=stream base-url="$STUB_URL" requests=$STREAMS warmup=200 \
  concurrency=$STREAMS chunks=50 gap-ms=20
# the floor, on Reactor Netty's global pool (500 connections, 1,000 waiting acquires by default), which
# only this JVM-wide flag raises; it does not apply to the starter's pool
run_client "streams10k-pool-10000" webclient "$STUB_PID" "${JAVA[@]}" -Xmx512m -Dreactor.netty.pool.maxConnections=10000 \
  -cp "$CP" $MAIN client=webclient scenario=stream base-url="$STUB_URL" requests=$STREAMS warmup=200 \
  concurrency=$STREAMS chunks=50 gap-ms=20

log "a 200 MiB media stream to disk, -Xmx128m"
run_client "media" webclient "$STUB_PID" "${JAVA[@]}" -Xmx128m -cp "$CP" $MAIN client=webclient scenario=media \
  base-url="$STUB_URL" blocks=$MEDIA_BLOCKS dir="$WORK"
# streamMediaTo (the client writes the file), then streamMedia + DataBufferUtils.write
for api in to flux; do
  run_client "media-$api" template "$STUB_PID" "${JAVA[@]}" -Xmx128m -cp "$CP" $MAIN client=template scenario=media \
    media-api=$api base-url="$STUB_URL" blocks=$MEDIA_BLOCKS dir="$WORK"
done

log "profile: BytezTemplate's measured run phase under JFR (1 ms CPU samples), by component"
run_client "profile" template "$NGINX_WORKER" "${JAVA[@]}" -Xmx512m -cp "$CP" $MAIN client=template scenario=run \
  base-url="$NGINX_URL" requests=$RUN_N warmup=$RUN_WARMUP concurrency=64 jfr="$WORK/template-run.jfr"
JFR_TOOL="$(dirname "$(readlink -f "$(command -v java)")")/jfr"
python3 "$HERE/tools/jfr-summary.py" "$WORK/template-run.jfr" "$JFR_TOOL" >"$RESULTS/profile-template-run.txt" 2>&1 \
  || echo "profile summary failed: see $RESULTS/profile-template-run.txt" >&2
head -16 "$RESULTS/profile-template-run.txt" >&2 || true

fleet_budget

log "JMH: request body, request URI and stream decoding (${JMH_ARGS[*]})"
java -cp "$CP" org.openjdk.jmh.Main "${JMH_ARGS[@]}" -prof gc -rf json -rff "$RESULTS/jmh.json" \
  >"$RESULTS/logs/jmh.log" 2>&1 || echo "JMH failed: see $RESULTS/logs/jmh.log" >&2
grep -E '^[A-Z][A-Za-z]+Benchmark\.[A-Za-z]+ ' "$RESULTS/logs/jmh.log" >&2 || true

echo "loadavg at end: $(cat /proc/loadavg)" >>"$RESULTS/machine.txt"
node "$HERE/report.mjs" "$RESULTS" >"$RESULTS/report.md"
cat "$RESULTS/report.md"
