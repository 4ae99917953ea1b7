# Sourced by benchmarks/run.sh and benchmarks/before-after.sh: find_java prints a java launcher of a JDK >= 21
# (JAVA_HOME first, then PATH, /usr/lib/jvm, SDKMAN and IntelliJ's ~/.jdks), or fails naming JAVA_HOME.

java_major() {
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p'
}

find_java() {
  local candidate
  for candidate in "${JAVA_HOME:-}/bin/java" "$(command -v java || true)" /usr/lib/jvm/*/bin/java \
      "$HOME"/.sdkman/candidates/java/*/bin/java "$HOME"/.jdks/*/bin/java; do
    if [[ -x "$candidate" ]]; then
      local major
      major="$(java_major "$candidate")"
      if [[ "${major:-0}" -ge 21 ]]; then
        echo "$candidate"
        return 0
      fi
    fi
  done
  echo "no JDK >= 21 found (set JAVA_HOME)" >&2
  return 1
}
