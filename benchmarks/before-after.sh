#!/usr/bin/env bash
# Before/after benchmark: data-bridge ÷ hand-written JDBC, BEFORE commit's harness against the current tree's.
#   benchmarks/before-after.sh [BEFORE_COMMIT=f95baf8] [ROUNDS=5]
# Builds BEFORE's benchmark harness in a temporary git worktree and the current tree's harness (Maven wrapper,
# offline first, tests skipped, never `install`), then runs io.databridge.benchmarks.BeforeAfter: ROUNDS interleaved
# rounds of select-range 1,000, findById 10,000 and insert 100,000, each contender (data-bridge, jdbc; BEFORE also
# data-bridge p=1 for the insert) in a fresh JVM of its own harness, BEFORE first in odd rounds and AFTER first in
# even ones. Writes benchmarks/results/before-after.md (generated: never edit its figures by hand); each JVM's
# standard error goes to benchmarks/target/before-after/logs/. About 3 to 4 minutes per round on 2 cores, plus 1 to 2
# minutes of builds and setup.
# PostgreSQL is found like the tests find it (DATABRIDGE_TEST_JDBC_URL, localhost:5432, embedded).
set -euo pipefail

before_ref="${1:-f95baf8}"
rounds="${2:-5}"
if ! [[ "$rounds" =~ ^[1-9][0-9]*$ ]]; then
  echo "usage: $0 [BEFORE_COMMIT=f95baf8] [ROUNDS=5] (ROUNDS a positive integer, got '$rounds')" >&2
  exit 2
fi

root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
command_line="benchmarks/before-after.sh $before_ref $rounds"
before_sha="$(git rev-parse --verify --quiet "${before_ref}^{commit}")" \
  || { echo "[before-after] '$before_ref' is not a commit of this repository" >&2; exit 2; }
after_sha="$(git rev-parse HEAD)"
after_label="$after_sha"
if [[ -n "$(git status --porcelain --untracked-files=no)" ]]; then
  after_label="$after_sha + uncommitted changes"
fi

work="$root/benchmarks/target/before-after"
mkdir -p "$work"
rm -rf "$work/logs"
before_tree="$(mktemp -d "${TMPDIR:-/tmp}/data-bridge-before-${before_sha:0:10}.XXXXXX")"
cleanup() {
  git -C "$root" worktree remove --force "$before_tree" >/dev/null 2>&1 || rm -rf "$before_tree"
  git -C "$root" worktree prune >/dev/null 2>&1 || true
}
trap cleanup EXIT
echo "[before-after] BEFORE $before_sha: temporary worktree $before_tree" >&2
git worktree add --detach --quiet "$before_tree" "$before_sha"

# Builds a tree's benchmark harness and writes its class path (jar + runtime dependencies) to $2.
# Offline first; when a dependency is missing from the local repository, once more online.
build_harness() {
  local tree="$1" out="$2" deps="$work/deps-$(basename "$2")"
  local args=(-q -B -pl benchmarks -am package org.apache.maven.plugins:maven-dependency-plugin:3.9.0:build-classpath
    -DskipTests -Dspring-javaformat.skip=true -Dspotless.check.skip=true -Dspotless.apply.skip=true
    -Dmaven.javadoc.skip=true -Dmaven.source.skip=true -Dmdep.outputFile="$deps" -Dmdep.includeScope=runtime)
  echo "[before-after] building the harness in $tree" >&2
  if ! (cd "$tree" && ./mvnw -o "${args[@]}" >"$work/build-$(basename "$2").log" 2>&1); then
    echo "[before-after] the offline build failed (see $work/build-$(basename "$2").log); trying online" >&2
    (cd "$tree" && ./mvnw "${args[@]}") || { echo "[before-after] could not build the harness in $tree" >&2; exit 1; }
  fi
  local jar
  jar="$(ls "$tree"/benchmarks/target/data-bridge-benchmarks-*.jar | grep -v -e '-sources' -e '-javadoc' | head -n 1)"
  [[ -f "$jar" ]] || { echo "[before-after] no benchmark jar in $tree/benchmarks/target" >&2; exit 1; }
  printf '%s:%s\n' "$jar" "$(cat "$deps")" >"$out"
}
build_harness "$before_tree" "$work/before.classpath"
build_harness "$root" "$work/after.classpath"

# The files that decide what the compared contenders measure (the report lists their changes since BEFORE).
harness="benchmarks/src/main/java/io/databridge/benchmarks"
git diff --stat=120 "$before_sha" -- "$harness"/{ContenderMain,EntityContender,BenchEnvironment,BenchData,BenchRow}.java \
  "$harness"/{Checksum,Check,WorkloadInput,ReadTable,Iteration,Contender}.java "$harness/contenders/JdbcContender.java" \
  "$harness/contenders/databridge" >"$work/harness-diff.txt" || true

# shellcheck source=benchmarks/find-java.sh
source "$root/benchmarks/find-java.sh"
java_bin="$(find_java)"

echo "[before-after] $rounds round(s); load average $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)" >&2
set +e
"$java_bin" -Xmx1g -cp "$(cat "$work/after.classpath")" io.databridge.benchmarks.BeforeAfter \
  "rounds=$rounds" \
  "report=$root/benchmarks/results/before-after.md" \
  "before-classpath=$work/before.classpath" \
  "after-classpath=$work/after.classpath" \
  "before-commit=$before_sha" \
  "before-subject=$(git log -1 --format=%s "$before_sha")" \
  "after-commit=$after_label" \
  "after-subject=$(git log -1 --format=%s HEAD)" \
  "commits-between=$(git rev-list --count "$before_sha..HEAD")" \
  "harness-diff=$work/harness-diff.txt" \
  "logs=$work/logs" \
  "command=$command_line"
status=$?
set -e
if [[ $status -ne 0 ]]; then
  echo "[before-after] some JVMs reported no figure (see the report's 'No figure' lists and $work/logs)" >&2
fi
exit $status
