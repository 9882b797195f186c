#!/usr/bin/env bash
# Shared by the coordinator's benchmark scripts: builds the module (package, no tests) with its
# test classpath, then runs the benchmark class given with its arguments, in the module's folder.
# Usage: run-java.sh CLASS [ARGS...]
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
MODULE=$ROOT/lifecycle-coordinator
(cd "$ROOT" && ./mvnw -B -q -pl lifecycle-coordinator -am -DskipTests package \
  dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test)
echo "machine: $(nproc) cores, $(free -g | awk '/^Mem:/ {print $2}') GiB, $(java -version 2>&1 | head -1)"
cd "$MODULE"
# The embedded PostgreSQL and Kafka unpack under java.io.tmpdir: keep them in target/.
mkdir -p target/bench-tmp
CLASS=$1
shift
exec java -Xmx1g -Djava.io.tmpdir="$MODULE/target/bench-tmp" \
  -cp "$MODULE/target/test-classes:$MODULE/target/classes:$(cat target/bench.classpath)" \
  "$CLASS" "$@"
