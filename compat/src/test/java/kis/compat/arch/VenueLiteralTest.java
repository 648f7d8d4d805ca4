package kis.compat.arch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The venue is a type, not a string: the literal {@code "KRX"} appears in main code only where KIS
 * or the exchange is spoken on the wire, i.e. in the KIS translation layer and in kis-sim (issue
 * #16). Today's other places are listed in {@link #KNOWN} with their count; the lead empties it as
 * #16 lands, and an entry whose literals are gone fails until it is taken out. Scans the
 * {@code src/main/java} of every module of the repository (new modules included), comments aside.
 */
class VenueLiteralTest {
  static final String LITERAL = "KRX";

  /**
   * Modules that speak KIS's or the exchange's wire, where {@code "KRX"} is a wire value: kis-sim,
   * and the translation layer between kis-connector and the domain (#16 names it kis-adapter;
   * change the name here if it lands under another).
   */
  static final Set<String> WIRE_MODULES = Set.of("kis-sim", "kis-adapter");

  /** A file outside the wire modules that has the literal today, how many times, and why. */
  record Known(int count, String reason) {}

  static final Map<String, Known> KNOWN = Map.of();

  @Test
  void krxIsALiteralOnlyOnTheWire() throws IOException {
    Map<String, List<Integer>> found = places(repositoryRoot());

    List<String> unexpected = new ArrayList<>();
    found.forEach((file, lines) -> {
      Known k = KNOWN.get(file);
      if (k == null || k.count() != lines.size()) {
        unexpected.add("  " + file + " lines " + lines + (k == null ? "" : " (known: " + k.count() + ")"));
      }
    });
    List<String> gone = KNOWN.keySet().stream().filter(f -> !found.containsKey(f)).sorted().toList();
    assertTrue(unexpected.isEmpty(), () -> "\"" + LITERAL + "\" as a literal outside " + WIRE_MODULES
        + " (use the venue type; the wire code belongs to the translation layer), not as VenueLiteralTest.KNOWN"
        + " says:\n" + String.join("\n", unexpected));
    assertTrue(gone.isEmpty(), () -> "no \"" + LITERAL + "\" left in these: take them out of"
        + " VenueLiteralTest.KNOWN so the literal cannot come back unseen: " + gone);
  }

  @Test
  void theScanSeesEveryModuleAndTheWireModulesLiterals() throws IOException {
    Path root = repositoryRoot();
    List<String> modules = modules(root);
    assertTrue(modules.containsAll(List.of("journal", "actors", "engine", "kis-sim", "kis-connector")),
        () -> "modules: " + modules);
    assertTrue(countIn(root.resolve("kis-sim")) > 0, "kis-sim speaks KRX on the wire: the scan must see it");
  }

  @Test
  void literalsAreToldFromCommentsAndCharacters() {
    String src = String.join("\n",
        "// \"KRX\" in a line comment",
        "/* \"KRX\" in a",
        "   block comment */ char q = '\"'; String a = \"KRX\";",
        "String b = \"KRX_FWDG\" + \"say \\\"KRX\\\"\";",
        "String c = \"\"\"",
        "    KRX\"\"\";");

    List<StringLiterals.Literal> all = StringLiterals.of(src);

    assertEquals(List.of(new StringLiterals.Literal("KRX", 3)),
        all.stream().filter(l -> l.text().equals(LITERAL)).toList());
    assertEquals(4, all.size(), all.toString());
  }

  /** The repository: this module's parent directory (Surefire runs in the module's directory). */
  static Path repositoryRoot() {
    return Path.of("").toAbsolutePath().getParent();
  }

  /** Modules with main code: directories of the root holding {@code src/main/java}. */
  static List<String> modules(Path root) throws IOException {
    try (Stream<Path> dirs = Files.list(root)) {
      return dirs.filter(d -> Files.isDirectory(d.resolve("src/main/java"))).map(d -> d.getFileName().toString())
          .sorted().toList();
    }
  }

  /** Per file outside the wire modules (path from the root, with /), the lines holding the literal. */
  static Map<String, List<Integer>> places(Path root) throws IOException {
    Map<String, List<Integer>> out = new TreeMap<>();
    for (String m : modules(root)) {
      if (WIRE_MODULES.contains(m)) {
        continue;
      }
      for (Path f : javaFiles(root.resolve(m))) {
        List<Integer> lines = StringLiterals.of(Files.readString(f)).stream()
            .filter(l -> l.text().equals(LITERAL)).map(StringLiterals.Literal::line).toList();
        if (!lines.isEmpty()) {
          out.put(root.relativize(f).toString().replace('\\', '/'), lines);
        }
      }
    }
    return out;
  }

  private static long countIn(Path module) throws IOException {
    long n = 0;
    for (Path f : javaFiles(module)) {
      n += StringLiterals.of(Files.readString(f)).stream().filter(l -> l.text().equals(LITERAL)).count();
    }
    return n;
  }

  private static List<Path> javaFiles(Path module) throws IOException {
    try (Stream<Path> files = Files.walk(module.resolve("src/main/java"))) {
      return files.filter(p -> p.toString().endsWith(".java")).sorted().toList();
    }
  }
}
