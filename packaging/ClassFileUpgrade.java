import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import jdk.internal.org.objectweb.asm.ClassReader;
import jdk.internal.org.objectweb.asm.ClassVisitor;
import jdk.internal.org.objectweb.asm.ClassWriter;
import jdk.internal.org.objectweb.asm.Opcodes;

/**
 * Rewrites a jar's Java 5 class files (major version 49 and older: picocli and leveldbjni in the
 * kis-trader jar) as Java 8 class files with stack map frames, the same bytecode otherwise, so that
 * an AppCDS archive can hold them: JDK 17 archives no class file older than Java 6 (it needs the
 * split verifier's frames), and reads, parses and verifies them (the old, inferencing verifier) from
 * the jar at every start, about 200 classes on the way to LIVE (bench/README.md, branch live3).
 * {@code packaging/cds-archive.sh} runs it on the jar before training the archive.
 *
 * <p>Every class it rewrote is then loaded and linked (verified by the JVM, with the split
 * verifier and no fallback) from the new jar in a class loader of its own; if one fails, nothing is
 * written and the jar stays as it was. A class whose frames cannot be computed (a type it names is
 * not in the jar) is kept as it was, and stays out of the archive as before.
 *
 * <pre>java --add-exports java.base/jdk.internal.org.objectweb.asm=ALL-UNNAMED packaging/ClassFileUpgrade.java IN.jar OUT.jar</pre>
 *
 * OUT.jar may be IN.jar: the new jar is written beside it and renamed over it at the end. (JDK 17's
 * own copy of ASM, so the tool needs nothing but the JDK that runs the engine.)
 *
 * Exit 0: OUT.jar written (possibly with nothing to rewrite); 1: a rewritten class failed to verify,
 * OUT.jar not written.
 */
public final class ClassFileUpgrade {
  private static final int JAVA_6 = 50;

  private ClassFileUpgrade() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 2) {
      System.err.println("usage: ClassFileUpgrade IN.jar OUT.jar");
      System.exit(2);
    }
    Path in = Path.of(args[0]);
    Path out = Path.of(args[1]);
    Path partial = out.resolveSibling(out.getFileName() + ".part");
    List<String> upgraded = new ArrayList<>();
    int kept = 0;
    try (URLClassLoader types = new URLClassLoader(new URL[] {in.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
        ZipInputStream zin = new ZipInputStream(new BufferedInputStream(Files.newInputStream(in)));
        ZipOutputStream zout = new ZipOutputStream(new BufferedOutputStream(Files.newOutputStream(partial)))) {
      for (ZipEntry e = zin.getNextEntry(); e != null; e = zin.getNextEntry()) {
        byte[] bytes = zin.readAllBytes();
        String name = e.getName();
        if (name.endsWith(".class") && majorVersion(bytes) < JAVA_6) {
          try {
            bytes = upgrade(bytes, types);
            upgraded.add(name.substring(0, name.length() - ".class".length()).replace('/', '.'));
          } catch (RuntimeException frameless) {
            kept++;
          }
        }
        ZipEntry copy = new ZipEntry(name);
        copy.setTime(e.getTime());
        zout.putNextEntry(copy);
        zout.write(bytes);
        zout.closeEntry();
      }
    }
    if (upgraded.isEmpty()) {
      Files.delete(partial);
      if (!Files.isSameFile(in, out)) {
        Files.copy(in, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      }
      System.err.println("ClassFileUpgrade: no Java 5 class file to rewrite (" + kept + " kept as they were)");
      return;
    }
    List<String> failed = unverified(partial, upgraded);
    if (!failed.isEmpty()) {
      Files.delete(partial);
      System.err.println("ClassFileUpgrade: " + failed.size() + " rewritten class(es) fail verification, jar left as it was: "
          + failed.subList(0, Math.min(5, failed.size())));
      System.exit(1);
    }
    Files.move(partial, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    System.err.println("ClassFileUpgrade: " + upgraded.size() + " Java 5 class file(s) rewritten as Java 8, " + kept
        + " kept as they were");
  }

  private static int majorVersion(byte[] classFile) {
    return classFile.length < 8 ? Integer.MAX_VALUE : ((classFile[6] & 0xff) << 8) | (classFile[7] & 0xff);
  }

  /** The same class as a Java 8 class file: version raised, frames computed (their common supertypes from {@code types}). */
  static byte[] upgrade(byte[] classFile, ClassLoader types) {
    ClassWriter writer = new ClassWriter(ClassWriter.COMPUTE_FRAMES) {
      @Override
      protected ClassLoader getClassLoader() {
        return types;
      }
    };
    new ClassReader(classFile).accept(new ClassVisitor(Opcodes.ASM8, writer) {
      @Override
      public void visit(int version, int access, String name, String signature, String superName, String[] interfaces) {
        super.visit(Opcodes.V1_8, access, name, signature, superName, interfaces);
      }
    }, ClassReader.SKIP_FRAMES);
    return writer.toByteArray();
  }

  /**
   * The rewritten classes the JVM refuses: each is loaded and initialized (which links and so
   * verifies it) from {@code jar} in a fresh loader; only a {@link VerifyError} counts (a class whose
   * static initializer needs what this JVM lacks was verified before it ran).
   */
  private static List<String> unverified(Path jar, List<String> classes) throws IOException {
    List<String> failed = new ArrayList<>();
    try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader())) {
      for (String name : classes) {
        try {
          Class.forName(name, true, loader);
        } catch (VerifyError e) {
          failed.add(name + ": " + e.getMessage());
        } catch (LinkageError | ClassNotFoundException | RuntimeException e) {
          // not a verification failure: a missing optional type, or an initializer that needs more
        }
      }
    }
    return failed;
  }
}
