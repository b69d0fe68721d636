# Sourced by ./gocachectl, ./test.sh and bench scripts: sets GOCACHECTL_JAVA_HOME to a JDK 25 or
# newer, or fails with a message that says what to install. Search order: $GOCACHECTL_JAVA_HOME,
# $JAVA_HOME, then the JDKs under /usr/lib/jvm and /opt (Temurin first), then `java` on PATH.

gocachectl_java_major() {
  "$1/bin/java" -XshowSettings:properties -version 2>&1 |
    sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p'
}

gocachectl_find_jdk() {
  for candidate in "${GOCACHECTL_JAVA_HOME:-}" "${JAVA_HOME:-}" \
    /usr/lib/jvm/temurin-2[5-9]* /usr/lib/jvm/temurin-[3-9]* /usr/lib/jvm/*-2[5-9]* \
    /usr/lib/jvm/*2[5-9]* /opt/java/* /opt/jdk* \
    "$(dirname "$(dirname "$(command -v java 2>/dev/null || echo /nonexistent/bin/java)")")"; do
    [ -n "$candidate" ] && [ -x "$candidate/bin/java" ] && [ -x "$candidate/bin/javac" ] || continue
    major=$(gocachectl_java_major "$candidate")
    if [ -n "$major" ] && [ "$major" -ge 25 ]; then
      GOCACHECTL_JAVA_HOME=$candidate
      export GOCACHECTL_JAVA_HOME
      return 0
    fi
  done
  echo "gocachectl: no JDK 25 or newer found (looked at \$GOCACHECTL_JAVA_HOME, \$JAVA_HOME," \
    "/usr/lib/jvm, /opt and java on PATH); install Temurin 25 or set GOCACHECTL_JAVA_HOME" >&2
  return 1
}
