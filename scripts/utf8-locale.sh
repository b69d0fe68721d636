# Sourced by ./gocachectl before it starts a JVM (no subshell: go runs the launcher once per
# command). The JVM decodes file names, arguments and the environment with the charset of
# LC_CTYPE (sun.jnu.encoding, which -Dsun.jnu.encoding cannot override on JDK 25): under the
# POSIX locale (LANG unset, C or POSIX) that is ASCII, and a module file named café.go reads back
# as caf??.go, which opens nothing. When the locale's name does not say UTF-8, LC_CTYPE (LC_ALL
# when that is what is set) becomes C.UTF-8, built into glibc since 2.35 and shipped by Debian
# for longer; messages keep their language (LC_MESSAGES is left alone unless LC_ALL was set).
# A UTF-8 locale that is named but not installed still leaves the JVM on ASCII: the JVM then
# refuses to run with a message (dev.gocachectl.locale.FileNameCharset).
case ${LC_ALL:-${LC_CTYPE:-${LANG:-}}} in
  *.[Uu][Tt][Ff]-8 | *.[Uu][Tt][Ff]8 | *.[Uu][Tt][Ff]-8@* | *.[Uu][Tt][Ff]8@*) ;;
  *)
    if [ -n "${LC_ALL:-}" ]; then
      LC_ALL=C.UTF-8
      export LC_ALL
    else
      LC_CTYPE=C.UTF-8
      export LC_CTYPE
    fi
    ;;
esac
