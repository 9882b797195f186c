#!/usr/bin/env bash
# What command signing costs: one Ed25519 sign (coordinator) and one verify (executor) per command,
# canonical form included (docs/benchmarks.md, "Signed commands").
# Usage: ays-contracts/bench/signing.sh [commands] (default 20000).
set -euo pipefail
exec "$(dirname "${BASH_SOURCE[0]}")/../../bench/run-module-java.sh" \
  ays-contracts io.ays.contracts.bench.SigningBenchmark "${1:-20000}"
