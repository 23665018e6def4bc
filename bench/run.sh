#!/usr/bin/env bash
# The whole benchmark suite, from the repository root.
#
#   bench/run.sh short   # every benchmark once, in process, smallest parameters, plus one native-vs-JIT run of each
#                        # app: proves the suite runs (what .ci/run does; about 2 minutes plus the four publishes)
#   bench/run.sh full    # the measurements of docs/benchmarks.md (about 45 minutes on 2 cores)
#
# BenchmarkDotNet's reports land in BenchmarkDotNet.Artifacts/results/; bench/native.sh prints its table.
set -euo pipefail
cd "$(dirname "$0")/.."
mode=${1:-}
bench() { dotnet run -c Release --project bench/ModelMesh.Benchmarks --no-build -- "$@"; }

dotnet build bench/ModelMesh.Benchmarks -c Release >/dev/null
case "$mode" in
  short)
    bench --short --filter '*'
    RUNS=1 bench/native.sh
    ;;
  full)
    # Out-of-process jobs build a copy of the project: on a busy 2-core machine that takes longer than the default 2 min.
    bench --filter '*.RoutingBenchmarks.*' '*.StreamingBenchmarks.*' '*RoutingDecision*' --job short --buildTimeout 1200
    bench --filter 'ModelMesh.Benchmarks.Gateway.*' --buildTimeout 1200
    bench --filter '*Parsing*' --job short --inProcess
    bench --filter '*GeneratorBenchmarks*' --job short --inProcess
    RUNS=5 bench/native.sh
    ;;
  *)
    echo "usage: bench/run.sh short|full" >&2
    exit 2
    ;;
esac
