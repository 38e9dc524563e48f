#!/usr/bin/env bash
# Builds flint-bench (release), makes sure the data exists, runs the workloads and appends the
# JSON result lines to Benchmarks/results/<date>.jsonl (git-ignored). See Benchmarks/README.md.
#
#   Benchmarks/run.sh [--anchor [DIR]] [run options: --only wordcount,sort --repeat 3 --master local[2] ...]
#
#   --anchor [DIR]   run on the anchor kit's files (default DIR /tmp/anchor-data), generating them
#                    with /work/shared/bench/gen_data.py when missing, so the answers are checked
#                    against the kit's manifest and the timings compare with Spark/DuckDB/Polars.
#
# Environment:
#   FLINT_BENCH_DATA   data directory of flint-bench's own generator (default /tmp/flint-bench-data)
#   FLINT_BENCH_SCALE  small | medium (default medium) when that data has to be generated
#   FLINT_BENCH_SEED   generator seed (default 42)
#   FLINT_BENCH_TAG    tag written in every result line (default: the git commit, else "dev")
#   FLINT_BENCH_BIN    use this flint-bench binary instead of building one
#   ANCHOR_KIT         the anchor kit folder (default /work/shared/bench)
#   SWIFT_BUILD_FLAGS  extra flags for `swift build`, e.g. "--scratch-path /tmp/bench-build"
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ANCHOR_KIT="${ANCHOR_KIT:-/work/shared/bench}"
DATA="${FLINT_BENCH_DATA:-/tmp/flint-bench-data}"
SCALE="${FLINT_BENCH_SCALE:-medium}"
SEED="${FLINT_BENCH_SEED:-42}"
ANCHOR=""
RUN_ARGS=()

while [[ $# -gt 0 ]]; do
    case "$1" in
        --anchor)
            if [[ $# -gt 1 && "$2" != --* ]]; then ANCHOR="$2"; shift; else ANCHOR="/tmp/anchor-data"; fi
            ;;
        --anchor=*) ANCHOR="${1#--anchor=}" ;;
        -h|--help) sed -n '2,18p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) RUN_ARGS+=("$1") ;;
    esac
    shift
done

log() { echo "[run.sh $(date +%H:%M:%S)] $*" >&2; }

# 1. The binary.
if [[ -n "${FLINT_BENCH_BIN:-}" ]]; then
    BIN="$FLINT_BENCH_BIN"
else
    log "building flint-bench (release)"
    # shellcheck disable=SC2086
    swift build -c release --package-path "$ROOT" --product flint-bench ${SWIFT_BUILD_FLAGS:-}
    # shellcheck disable=SC2086
    BIN="$(swift build -c release --package-path "$ROOT" ${SWIFT_BUILD_FLAGS:-} --show-bin-path)/flint-bench"
fi
[[ -x "$BIN" ]] || { echo "run.sh: no executable flint-bench at $BIN" >&2; exit 1; }

# 2. The data.
if [[ -n "$ANCHOR" ]]; then
    DATA="$ANCHOR"
    if [[ ! -f "$DATA/manifest.json" ]]; then
        [[ -f "$ANCHOR_KIT/gen_data.py" ]] || { echo "run.sh: no anchor kit at $ANCHOR_KIT (set ANCHOR_KIT)" >&2; exit 1; }
        if ! python3 -c "import numpy, polars" 2>/dev/null; then
            log "the anchor generator needs numpy and polars: installing them with pip"
            python3 -m pip install --quiet numpy polars
        fi
        log "generating the anchor kit's text, kv and sort datasets into $DATA (medium, ~20 s)"
        python3 "$ANCHOR_KIT/gen_data.py" "$DATA" --scale medium --only text,kv,sort
    fi
elif [[ ! -f "$DATA/manifest.json" ]]; then
    log "generating $SCALE data into $DATA"
    "$BIN" generate "$DATA" --scale "$SCALE" --seed "$SEED"
fi

# 3. The runs.
TAG="${FLINT_BENCH_TAG:-$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo dev)}"
OUT="$ROOT/Benchmarks/results/$(date +%F).jsonl"
mkdir -p "$(dirname "$OUT")"
log "running on $DATA; results appended to $OUT"
status=0
"$BIN" run "$DATA" --tag "$TAG" --json-out "$OUT" ${RUN_ARGS[@]+"${RUN_ARGS[@]}"} || status=$?
[[ $status -eq 0 ]] || log "some run failed or a result check did not pass (exit status $status)"
exit $status
