package kis.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * packaging/ClassFileUpgrade.java, which packaging/cds-archive.sh runs on the jar before training:
 * picocli's jar (Java 5 class files, which JDK 17 leaves out of an AppCDS archive) comes out as Java
 * 8 class files that still run and that an archive then holds. Whether a class came from the
 * archive is read from the JVM's class loading log.
 */
class ClassFileUpgradeTest {
  private static final Path TOOL = Path.of("../packaging/ClassFileUpgrade.java").toAbsolutePath().normalize();
  private static final String FROM_ARCHIVE = "picocli.CommandLine source: shared objects file (top)";

  @TempDir Path dir;

  @Test
  void picocliRewrittenRunsAndIsArchived() throws Exception {
    Path original = Path.of(CommandLine.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    Path in = Files.copy(original, dir.resolve("picocli.jar"));
    assertTrue(majorVersions(in).stream().anyMatch(v -> v < 50), "picocli ships Java 5 class files");
    Path out = dir.resolve("picocli-8.jar");

    ChildJvm upgrade = java("--add-exports", "java.base/jdk.internal.org.objectweb.asm=ALL-UNNAMED", TOOL.toString(),
        in.toString(), out.toString());

    assertEquals(0, upgrade.exit(), upgrade.output());
    assertFalse(majorVersions(out).isEmpty());
    assertTrue(majorVersions(out).stream().allMatch(v -> v == 52), "every class file is Java 8 now");
    assertFalse(archived(in).contains(FROM_ARCHIVE), "JDK 17 archives no Java 5 class");
    String run = archived(out);
    assertTrue(run.contains("Usage:"), run);
    assertTrue(run.contains(FROM_ARCHIVE), run);
  }

  /** Runs picocli's own main (its completion script generator's usage) from the jar, archived, then again on the archive. */
  private String archived(Path jar) throws Exception {
    Path jsa = dir.resolve(jar.getFileName() + ".jsa");
    ChildJvm dump = java("-XX:ArchiveClassesAtExit=" + jsa, "-cp", jar.toString(), "picocli.AutoComplete", "--help");
    assertTrue(dump.output().contains("Usage:"), dump.output());
    ChildJvm r = java("-XX:SharedArchiveFile=" + jsa, "-Xshare:on", "-Xlog:class+load=info", "-cp", jar.toString(),
        "picocli.AutoComplete", "--help");
    return r.output();
  }

  private static List<Integer> majorVersions(Path jar) throws Exception {
    List<Integer> versions = new ArrayList<>();
    try (ZipFile zip = new ZipFile(jar.toFile())) {
      for (ZipEntry e : java.util.Collections.list(zip.entries())) {
        if (e.getName().endsWith(".class") && !e.getName().endsWith("module-info.class")) {
          try (InputStream cls = zip.getInputStream(e)) {
            byte[] head = cls.readNBytes(8);
            versions.add(((head[6] & 0xff) << 8) | (head[7] & 0xff));
          }
        }
      }
    }
    return versions;
  }

  private ChildJvm java(String... args) throws Exception {
    return ChildJvm.java(dir, args);
  }
}
