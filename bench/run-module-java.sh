#!/usr/bin/env bash
# Shared by the modules' benchmark scripts: builds MODULE (package, no tests) and its test
# classpath, then runs the benchmark CLASS with its arguments in the module's folder, with the JVM
# options in BENCH_JAVA_OPTS (e.g. -Xmx1g). BENCH_SKIP_BUILD=1 reuses the last build and classpath
# (runs alternated on a busy machine need not rebuild in between).
# Usage: bench/run-module-java.sh MODULE CLASS [ARGS...]
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
MODULE=$1
CLASS=$2
shift 2
if [ "${BENCH_SKIP_BUILD:-0}" != 1 ] || [ ! -f "$ROOT/$MODULE/target/bench.classpath" ]; then
  (cd "$ROOT" && ./mvnw -B -q -pl "$MODULE" -am -DskipTests package \
    dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test)
fi
echo "machine: $(nproc) cores, $(free -g | awk '/^Mem:/ {print $2}') GiB, $(java -version 2>&1 | head -1)"
cd "$ROOT/$MODULE"
# The embedded PostgreSQL and Kafka unpack under java.io.tmpdir: keep them in target/.
mkdir -p target/bench-tmp
# shellcheck disable=SC2086 # BENCH_JAVA_OPTS holds several options
exec java ${BENCH_JAVA_OPTS:-} -Djava.io.tmpdir="$PWD/target/bench-tmp" \
  -cp "$PWD/target/test-classes:$PWD/target/classes:$(cat target/bench.classpath)" \
  "$CLASS" "$@"
