#!/usr/bin/env bash
# Runs the data-bridge benchmarks and writes benchmarks/results/ (smoke: benchmarks/target/smoke-results/).
#   benchmarks/run.sh full    DESIGN.md's workloads, every contender, 5 interleaved rounds (about 75 minutes on 2
#                             cores); also rewrites the README's benchmark and bulk-modes tables from this run;
#                             BENCH_DRIVER_STUDY=1 adds the pgjdbc settings study (about 9 minutes more)
#   benchmarks/run.sh jmh     the JMH microbenchmarks (row reader, COPY encoder, findById), a few minutes
#   benchmarks/run.sh smoke   tiny sizes, every contender and verification (under 2 minutes)
#   BENCH_CONTENDERS=data-bridge,server-copy BENCH_WORKLOADS=insert benchmarks/run.sh full
#                             a partial run, written to benchmarks/target/partial-results/ (also with
#                             BENCH_INSERT_SIZES=1000000 BENCH_ROUNDS=2: other insert sizes or rounds)
#   benchmarks/run.sh replica [seconds-per-round] [rounds]
#                             8 concurrent readers, findById: primary only vs primary + 1 standby (needs
#                             scripts/standby.sh start); prints to the console, writes no results
# Builds with the Maven wrapper inside the reactor (never `install`), then runs io.databridge.benchmarks.BenchRunner
# on a JDK >= 21. PostgreSQL is found like the tests find it (DATABRIDGE_TEST_JDBC_URL, localhost:5432, embedded).
set -euo pipefail

mode="${1:-full}"
case "$mode" in
  full) results="benchmarks/results" ;;
  smoke) results="benchmarks/target/smoke-results" ;;
  replica) results="" ;;
  jmh) results="benchmarks/target/jmh-results" ;;
  *) echo "usage: $0 [smoke|full|replica|jmh] (jmh takes JMH's own arguments after it, e.g. jmh RowReader)" >&2; exit 2 ;;
esac
# A partial run (BENCH_CONTENDERS=data-bridge,server-copy BENCH_WORKLOADS=insert) never overwrites the published results.
if [[ -n "${BENCH_CONTENDERS:-}${BENCH_WORKLOADS:-}${BENCH_INSERT_SIZES:-}${BENCH_ROUNDS:-}${BENCH_JVM_OPTIONS:-}" ]]; then
  results="benchmarks/target/partial-results"
fi

root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

# The asyncpg contender needs Debian's python3-asyncpg under /usr/bin/python3 (or BENCH_PYTHON with asyncpg).
python="${BENCH_PYTHON:-/usr/bin/python3}"
if ! "$python" -c 'import asyncpg' 2>/dev/null; then
  if [[ "$(id -u)" == 0 ]] && command -v apt-get >/dev/null; then
    echo "[bench] installing python3-asyncpg for the asyncpg contender" >&2
    apt-get install -y -q python3-asyncpg >/dev/null || { apt-get update -q >/dev/null && apt-get install -y -q python3-asyncpg >/dev/null; } || true
  fi
  if ! "$python" -c 'import asyncpg' 2>/dev/null; then
    echo "[bench] asyncpg is missing: the asyncpg contender is skipped (apt-get install -y python3-asyncpg, or set BENCH_PYTHON)" >&2
  fi
fi

classpath_file="$root/benchmarks/target/bench-classpath.txt"
./mvnw -q -B -pl benchmarks -am package dependency:build-classpath -DskipTests \
  -Dmdep.outputFile="$classpath_file" -Dmdep.includeScope=runtime

# shellcheck source=benchmarks/find-java.sh
source "$root/benchmarks/find-java.sh"

java_bin="$(find_java)"
jar="$(ls "$root"/benchmarks/target/data-bridge-benchmarks-*.jar | head -n 1)"
if [[ "$mode" == replica ]]; then
  shift
  exec "$java_bin" -Xmx1g -cp "$jar:$(cat "$classpath_file")" io.databridge.benchmarks.replica.ReplicaReadBenchmark "$@"
fi
if [[ "$mode" == jmh ]]; then
  shift
  mkdir -p "$results"
  echo "[bench] JMH; load average before: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
  exec "$java_bin" -cp "$jar:$(cat "$classpath_file")" org.openjdk.jmh.Main -rf text -rff "$results/jmh.txt" "$@"
fi
exec "$java_bin" -Xmx1g -cp "$jar:$(cat "$classpath_file")" io.databridge.benchmarks.BenchRunner "$mode" "$results"
