#!/bin/sh
# Builds kis-trader as a self-contained app image: a native launcher plus a jlink'd Java runtime of
# its own, so the machine it runs on needs no JDK (README "Install").
#
#   packaging/app-image.sh JAR_OR_DIR DEST [MAIN_JAR]
#
# JAR_OR_DIR  the runnable jar (engine/target/kis-trader.jar), or a directory whose files all go
#             into the image (MAIN_JAR, default kis-trader.jar, is the one started)
# DEST        where DEST/kis-trader/ is written (replaced if it exists)
#
# Result: DEST/kis-trader/bin/kis-trader (the launcher: `kis-trader --version`, `kis-trader run`),
# DEST/kis-trader/lib/runtime (the runtime), DEST/kis-trader/lib/app (the jar). Needs JDK 17+'s
# jpackage (on PATH, or in JAVA_HOME/bin); the image runs on the OS and CPU it was built on.
# `./mvnw -B package -Papp-image -pl engine -am -DskipTests` runs this after the jar is built.
set -eu

if [ $# -lt 2 ]; then
  echo "usage: $0 JAR_OR_DIR DEST [MAIN_JAR]" >&2
  exit 2
fi
SRC=$1
DEST=$2
MAIN_JAR=${3:-kis-trader.jar}

JPACKAGE=jpackage
if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/jpackage" ]; then
  JPACKAGE=$JAVA_HOME/bin/jpackage
fi

# The runtime's modules. jdeps over the jar finds the first line; the rest are reached by name at
# run time, where jdeps cannot see them:
#   jdk.unsupported   sun.misc.Unsafe/Signal (Pekko, Netty, LevelDB, the SIGTERM handler)
#   jdk.crypto.ec     ECDHE/ECDSA for TLS to KIS's https hosts
#   jdk.charsets      x-windows-949 (CP949) for Korean CSV exports
#   jdk.management    HotSpotDiagnosticMXBean (heap dump on a crash)
#   jdk.localedata    Korean locale data (only en and ko are kept)
#   jdk.naming.dns    DNS lookups through JNDI (logback, Pekko discovery)
#   jdk.zipfs         reading resources inside jars as a file system
MODULES=java.base,java.compiler,java.desktop,java.logging,java.management,java.naming,java.net.http,java.scripting,java.security.jgss,java.sql,java.xml,jdk.jfr
MODULES=$MODULES,jdk.unsupported,jdk.crypto.ec,jdk.charsets,jdk.management,jdk.localedata,jdk.naming.dns,jdk.zipfs

WORK=$(mktemp -d "${TMPDIR:-/tmp}/kis-app-image.XXXXXX")
trap 'rm -rf "$WORK"' EXIT INT TERM
if [ -f "$SRC" ]; then
  # jpackage copies its whole input directory: give it the jar alone.
  mkdir "$WORK/input"
  cp "$SRC" "$WORK/input/$MAIN_JAR"
  INPUT=$WORK/input
else
  INPUT=$SRC
fi

mkdir -p "$DEST"
rm -rf "$DEST/kis-trader"
"$JPACKAGE" --type app-image --name kis-trader --dest "$DEST" \
  --input "$INPUT" --main-jar "$MAIN_JAR" --main-class kis.engine.Main \
  --add-modules "$MODULES" \
  --jlink-options "--strip-debug --no-man-pages --no-header-files --strip-native-commands --include-locales=en,ko" \
  --temp "$WORK/jpackage"
echo "app image: $DEST/kis-trader (launcher: $DEST/kis-trader/bin/kis-trader)"
