#!/usr/bin/env bash
# Native AOT against JIT, for docs/benchmarks.md: the size, start-up time and RSS of the AOT smoke app
# (tests/ModelMesh.AotSmoke) and of the gateway (`modelmesh serve` on its embedded default), each published both
# ways and run RUNS times (default 5). Every run is also checked: the smoke app must print "AOT smoke: OK", the
# gateway must stream an answer, and an AOT publish must report no trimming/AOT warning (IL2xxx/IL3xxx).
#
#   bench/native.sh            # both apps, 5 runs each (about 6 minutes on 2 cores)
#   RUNS=1 bench/native.sh     # one run each: what .ci/run does to prove the script works
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-5}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

publish() { # name, log, dotnet publish arguments…
  local name=$1 log="$work/$1.log"; shift
  echo "publishing ${name}…" >&2
  if ! timeout 1200 dotnet publish "$@" -o "$work/$name" >"$log" 2>&1; then
    cat "$log" >&2; echo "publishing ${name} failed" >&2; exit 1
  fi
  if grep -E 'warning IL[23][0-9]{3}' "$log" >&2; then
    echo "${name}: the publish reported trimming/AOT warnings" >&2; exit 1
  fi
}

# Smoke app: a whole run (connector, failover, stream) from exec to exit; %M is the peak RSS.
smoke_run() { # command…
  local out
  out=$( { /usr/bin/time -f 'MEASURE %e %M' "$@" 2>&1; } ) || { echo "$out" >&2; echo "the smoke app failed" >&2; exit 1; }
  grep -qF 'AOT smoke: OK' <<<"$out" || { echo "$out" >&2; echo "the smoke app did not print 'AOT smoke: OK'" >&2; exit 1; }
  awk '/^MEASURE/ {printf "%d %d\n", $2 * 1000, $3}' <<<"$out"
}

# Gateway: exec to the "listening on" line, then one streamed answer, then RSS.
gateway_run() { # command…
  local log="$work/serve.log" started url="" pid ready rss stream
  started=$(date +%s%N)
  env -i PATH="$PATH" HOME="$HOME" DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 timeout 120 "$@" serve --port 0 --pace-ms 0 >"$log" 2>&1 &
  pid=$!
  for _ in $(seq 1 3000); do
    url=$(grep -oE 'listening on http://[0-9.:]+/' "$log" | head -1 | sed 's/listening on //') || true
    [ -n "$url" ] && break
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.005
  done
  ready=$(( ($(date +%s%N) - started) / 1000000 ))
  [ -n "$url" ] || { cat "$log" >&2; echo "the gateway did not start" >&2; exit 1; }
  stream=$(curl -sSN --max-time 30 "${url}v1/chat/completions" -H "Content-Type: application/json" \
    -d '{"model": "chat-completion", "stream": true, "messages": [{"role": "user", "content": "Hi"}]}')
  grep -q '"content":"Simulated ' <<<"$stream" && grep -q 'data: \[DONE\]' <<<"$stream" \
    || { echo "$stream" >&2; echo "the gateway did not stream an answer" >&2; exit 1; }
  local target
  target=$(pgrep -P "$pid" | head -1 || true)
  rss=$(awk '/VmRSS/ {print $2}' "/proc/${target:-$pid}/status" 2>/dev/null || echo 0)
  kill -TERM "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  echo "$ready $rss"
}

# min–max of column $1 over the lines on stdin
range() { awk -v c="$1" 'NR==1 {lo=$c; hi=$c} {if ($c<lo) lo=$c; if ($c>hi) hi=$c} END {if (lo==hi) print lo; else print lo "–" hi}'; }
size_mb() { du -sb "$1" | awk '{printf "%.1f", $1 / 1048576}'; }

# From a clean output, so that the trimming and AOT analysis runs and reports (an incremental build would not).
rm -rf tests/ModelMesh.AotSmoke/bin tests/ModelMesh.AotSmoke/obj
publish smoke-aot tests/ModelMesh.AotSmoke -c Release -r linux-x64
publish smoke-jit tests/ModelMesh.AotSmoke -c Release -r linux-x64 -p:PublishAot=false --self-contained false
publish gateway-aot src/ModelMesh.Cli -c Release -r linux-x64 -p:ModelMeshNative=true
publish gateway-jit src/ModelMesh.Cli -c Release -r linux-x64 --self-contained false

for _ in $(seq 1 "$runs"); do smoke_run "$work/smoke-aot/ModelMesh.AotSmoke"; done >"$work/smoke-aot.txt"
for _ in $(seq 1 "$runs"); do smoke_run "$work/smoke-jit/ModelMesh.AotSmoke"; done >"$work/smoke-jit.txt"
for _ in $(seq 1 "$runs"); do gateway_run "$work/gateway-aot/modelmesh"; done >"$work/gateway-aot.txt"
for _ in $(seq 1 "$runs"); do gateway_run "$work/gateway-jit/modelmesh"; done >"$work/gateway-jit.txt"

echo
echo "| ${runs} run(s) each | size on disk | start-up (ms) | RSS (MB) |"
echo "| --- | ---: | ---: | ---: |"
echo "| AOT smoke app, native | $(size_mb "$work/smoke-aot/ModelMesh.AotSmoke") MB (binary) | $(range 1 <"$work/smoke-aot.txt") (whole run) | $(awk '{printf "%d\n", $2 / 1024}' "$work/smoke-aot.txt" | range 1) (peak) |"
echo "| AOT smoke app, JIT | $(size_mb "$work/smoke-jit") MB (publish folder, shared runtime not counted) | $(range 1 <"$work/smoke-jit.txt") (whole run) | $(awk '{printf "%d\n", $2 / 1024}' "$work/smoke-jit.txt" | range 1) (peak) |"
echo "| gateway, native | $(size_mb "$work/gateway-aot/modelmesh") MB (binary) | $(range 1 <"$work/gateway-aot.txt") (to listening) | $(awk '{printf "%d\n", $2 / 1024}' "$work/gateway-aot.txt" | range 1) (after one stream) |"
echo "| gateway, JIT | $(size_mb "$work/gateway-jit") MB (publish folder, shared runtime not counted) | $(range 1 <"$work/gateway-jit.txt") (to listening) | $(awk '{printf "%d\n", $2 / 1024}' "$work/gateway-jit.txt" | range 1) (after one stream) |"
