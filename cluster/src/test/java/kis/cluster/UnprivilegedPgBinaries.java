package kis.cluster;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import io.zonky.test.db.postgres.embedded.PgBinaryResolver;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZInputStream;
import org.tukaani.xz.XZOutputStream;

/**
 * The library's PostgreSQL binaries with {@code initdb} and {@code pg_ctl} wrapped so they run as
 * an unprivileged user (uid/gid 65534, "nobody"), for a root JVM where {@code unshare -U} is not
 * allowed (a container without user namespaces): PostgreSQL refuses to run as root. Each wrapper
 * hands the data directory ({@code -D}) to that user, then {@code setpriv} drops to it and runs
 * the real program, which starts the server as the same user. Only the public
 * {@link PgBinaryResolver} is used: the archive is repacked, the library extracts it as usual.
 */
final class UnprivilegedPgBinaries implements PgBinaryResolver {
  static final UnprivilegedPgBinaries INSTANCE = new UnprivilegedPgBinaries();
  static final int UID = 65534;
  private static final Set<String> WRAPPED = Set.of("bin/initdb", "bin/pg_ctl");

  private UnprivilegedPgBinaries() {}

  @Override
  public InputStream getPgBinary(String system, String machineHardware) throws IOException {
    byte[] original;
    try (InputStream in = DefaultPostgresBinaryResolver.INSTANCE.getPgBinary(system, machineHardware)) {
      original = in.readAllBytes();
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(original.length * 2);
    try (TarArchiveInputStream in = new TarArchiveInputStream(new XZInputStream(new ByteArrayInputStream(original)));
        TarArchiveOutputStream tar = new TarArchiveOutputStream(new XZOutputStream(out, new LZMA2Options(0)))) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      TarArchiveEntry e;
      while ((e = in.getNextEntry()) != null) {
        String name = e.getName();
        String bare = name.startsWith("./") ? name.substring(2) : name;
        boolean wrap = WRAPPED.contains(bare) && e.isFile();
        if (wrap) {
          e.setName(name + ".real");
        }
        tar.putArchiveEntry(e);
        if (e.isFile()) {
          in.transferTo(tar);
        }
        tar.closeArchiveEntry();
        if (wrap) {
          byte[] script = wrapper(bare.substring("bin/".length())).getBytes(StandardCharsets.UTF_8);
          TarArchiveEntry w = new TarArchiveEntry(name);
          w.setMode(0755);
          w.setSize(script.length);
          tar.putArchiveEntry(w);
          tar.write(script);
          tar.closeArchiveEntry();
        }
      }
    }
    return new ByteArrayInputStream(out.toByteArray());
  }

  private static String wrapper(String program) {
    return """
        #!/bin/sh
        # PostgreSQL refuses root: hand the data directory to uid %1$d and run the real %2$s as it.
        PATH=/usr/sbin:/usr/bin:/sbin:/bin:$PATH
        prev=
        for a in "$@"; do
          if [ "$prev" = "-D" ]; then chown -R %1$d:%1$d "$a" || exit 1; fi
          prev=$a
        done
        exec setpriv --reuid=%1$d --regid=%1$d --clear-groups "$(dirname "$0")/%2$s.real" "$@"
        """.formatted(UID, program);
  }
}
