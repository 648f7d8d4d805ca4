package kis.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * packaging/kis-trader.sh passes the AppCDS archive next to the jar when it is usable and starts
 * the jar either way: a missing archive, one cut short, one older than the jar, or one the JVM
 * refuses (the jar changed under it) never stops the start. The jar here is a tiny one whose main
 * class is {@link CdsProbeMain}; its archive is made the way packaging/cds-archive.sh makes the
 * engine's (-XX:ArchiveClassesAtExit, then the stamp of both lengths), without the engine's
 * training run. Whether the archive was used is read from the JVM's class loading log.
 */
class CdsLauncherTest {
  private static final Path LAUNCHER = Path.of("../packaging/kis-trader.sh").toAbsolutePath().normalize();
  private static final String FROM_ARCHIVE = "kis.engine.CdsProbeMain source: shared objects file (top)";
  /** What -Xlog:cds says when the JVM maps the archives at a random address and relocates them. */
  private static final String ALWAYS_RELOCATE = "ArchiveRelocationMode == 1";

  @TempDir Path dir;
  private Path jar;
  private Path jsa;

  @BeforeEach
  void jarWithArchive() throws Exception {
    jar = probeJar(dir.resolve("probe.jar"));
    jsa = dir.resolve("probe.jsa");
    // The path the launcher passes: the canonical one (the archive names its jar by the path it saw).
    ChildJvm training = java("-XX:ArchiveClassesAtExit=" + jsa, "-jar", jar.toRealPath().toString(), "training");
    assertEquals(0, training.exit(), training.output());
    assertTrue(Files.size(jsa) > 0, "the training run wrote the archive\n" + training.output());
    stamp();
  }

  @Test
  void aStampedArchiveIsUsed() throws Exception {
    ChildJvm r = launch();
    assertEquals(0, r.exit(), r.output());
    assertTrue(r.output().contains("probe started version"), r.output());
    assertTrue(r.output().contains(FROM_ARCHIVE), r.output());
  }

  @Test
  void aStampedArchiveIsMappedWithoutRelocating() throws Exception {
    ChildJvm r = launch("-Xlog:cds=info -Xlog:class+load=info -Xmx64m");
    assertEquals(0, r.exit(), r.output());
    assertTrue(r.output().contains(FROM_ARCHIVE), r.output());
    assertFalse(r.output().contains(ALWAYS_RELOCATE), r.output());
  }

  @Test
  void javaOptsBringBackTheJdksRelocatedMapping() throws Exception {
    ChildJvm r = launch("-XX:ArchiveRelocationMode=1 -Xlog:cds=info -Xlog:class+load=info -Xmx64m");
    assertEquals(0, r.exit(), r.output());
    assertTrue(r.output().contains(FROM_ARCHIVE), r.output());
    assertTrue(r.output().contains(ALWAYS_RELOCATE), r.output());
  }

  @Test
  void aMissingArchiveStillStarts() throws Exception {
    Files.delete(jsa);
    ChildJvm r = launch();
    assertEquals(0, r.exit(), r.output());
    assertTrue(r.output().contains("probe started version"), r.output());
    assertFalse(r.output().contains(FROM_ARCHIVE), r.output());
  }

  @Test
  void anArchiveCutShortIsNotPassedSoTheJvmDoesNotCrashOnIt() throws Exception {
    byte[] head = new byte[4096];
    try (InputStream in = Files.newInputStream(jsa)) {
      assertEquals(head.length, in.readNBytes(head, 0, head.length));
    }
    Files.delete(jsa); // cds-archive.sh leaves it read-only
    Files.write(jsa, head);
    ChildJvm r = launch();
    assertEquals(0, r.exit(), r.output());
    assertTrue(r.output().contains("probe started version"), r.output());
  }

  @Test
  void anArchiveOlderThanItsJarIsNotPassed() throws Exception {
    Files.setLastModifiedTime(jar, FileTime.fromMillis(Files.getLastModifiedTime(jsa).toMillis() + 60_000));
    ChildJvm r = launch();
    assertEquals(0, r.exit(), r.output());
    assertTrue(r.output().contains("probe started version"), r.output());
    assertFalse(r.output().contains(FROM_ARCHIVE), r.output());
  }

  @Test
  void anArchiveTheJvmRefusesForAChangedJarStillStarts() throws Exception {
    // Same length (the stamp matches) and the archive still newer, but not the jar it was built
    // from: the JVM sees the jar's time differ, skips the archive (-Xshare:auto) and starts.
    Files.setLastModifiedTime(jar, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() - 3_600_000));
    ChildJvm r = launch();
    assertEquals(0, r.exit(), r.output());
    assertTrue(r.output().contains("probe started version"), r.output());
    assertFalse(r.output().contains(FROM_ARCHIVE), r.output());
  }

  @Test
  void runGetsTheShippedJitDirectivesKeepingC2OffTheStartOnlyLibraries() throws Exception {
    ChildJvm r = launch("run", "-XX:+CompilerDirectivesPrint -Xmx64m", null);
    assertEquals(0, r.exit(), r.output());
    assertTrue(r.output().contains("probe started run"), r.output());
    assertTrue(r.output().contains("1 compiler directives added"), r.output());
    String matching = r.output().lines().filter(l -> l.contains("matching:")).findFirst().orElse("");
    assertTrue(matching.contains("com/typesafe/config/*.*"), r.output());
    assertTrue(matching.contains("jdk/internal/org/objectweb/asm/*.*"), r.output());
    assertTrue(r.output().contains("Exclude:true"), r.output()); // C2's part; C1's stays as the default
  }

  @Test
  void otherCommandsGetNoJitDirectivesSoTheirOutputStaysTheirs() throws Exception {
    ChildJvm r = launch("status", "-Xmx64m", null);
    assertEquals(0, r.exit(), r.output());
    assertTrue(r.output().contains("probe started status"), r.output());
    assertFalse(r.output().contains("compiler directives"), r.output());
  }

  @Test
  void anEmptyJitDirectivesSettingStartsRunWithout() throws Exception {
    ChildJvm r = launch("run", "-Xmx64m", "");
    assertEquals(0, r.exit(), r.output());
    assertTrue(r.output().contains("probe started run"), r.output());
    assertFalse(r.output().contains("compiler directives"), r.output());
  }

  @Test
  void aMissingJitDirectivesFileStopsTheLauncher() throws Exception {
    ChildJvm r = launch("run", "-Xmx64m", dir.resolve("none.json").toString());
    assertEquals(2, r.exit(), r.output());
    assertTrue(r.output().contains("no compiler directives at"), r.output());
  }

  private void stamp() throws IOException {
    Files.writeString(dir.resolve("probe.jsa.ok"), Files.size(jsa) + " " + Files.size(jar) + "\n");
  }

  private ChildJvm launch() throws Exception {
    return launch("-Xlog:class+load=info -Xmx64m");
  }

  private ChildJvm launch(String javaOpts) throws Exception {
    return launch("version", javaOpts, null);
  }

  /** jitDirectives: KIS_TRADER_JIT_DIRECTIVES, null to leave it unset (the launcher's own file). */
  private ChildJvm launch(String command, String javaOpts, String jitDirectives) throws Exception {
    ProcessBuilder pb = new ProcessBuilder("sh", LAUNCHER.toString(), command);
    pb.environment().put("KIS_TRADER_JAR", jar.toString());
    if (jitDirectives == null) {
      pb.environment().remove("KIS_TRADER_JIT_DIRECTIVES");
    } else {
      pb.environment().put("KIS_TRADER_JIT_DIRECTIVES", jitDirectives);
    }
    pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
    pb.environment().put("JAVA_OPTS", javaOpts);
    return ChildJvm.run(pb, dir);
  }

  private ChildJvm java(String... args) throws Exception {
    return ChildJvm.java(dir, args);
  }

  private static Path probeJar(Path path) throws IOException {
    Manifest m = new Manifest();
    m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    m.getMainAttributes().put(Attributes.Name.MAIN_CLASS, CdsProbeMain.class.getName());
    String entry = CdsProbeMain.class.getName().replace('.', '/') + ".class";
    try (OutputStream file = Files.newOutputStream(path); JarOutputStream out = new JarOutputStream(file, m);
        InputStream cls = CdsLauncherTest.class.getClassLoader().getResourceAsStream(entry)) {
      out.putNextEntry(new JarEntry(entry));
      cls.transferTo(out);
      out.closeEntry();
    }
    return path;
  }
}
