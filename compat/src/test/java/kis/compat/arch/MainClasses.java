package kis.compat.arch;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The main code of every module ({@code kis.*}), read from the class files on this module's test
 * classpath: this module depends on the last modules of the reactor, so every module's main
 * classes are there, under whatever module they move to. Test classes (this module's, and test
 * jars) are left out.
 */
final class MainClasses {
  private static JavaClasses cached;

  private MainClasses() {}

  static synchronized JavaClasses all() {
    if (cached == null) {
      // The class path roots that hold a kis/ folder (each module's classes or jar), found through
      // the class loader: ArchUnit's importPackages would open every jar of the class path to look.
      List<URL> roots;
      try {
        roots = Collections.list(MainClasses.class.getClassLoader().getResources("kis"));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot list the class path's kis/ folders", e);
      }
      cached = new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .withImportOption(location -> !location.contains("-tests.jar") && !location.contains("/test-classes/"))
          .importUrls(roots);
    }
    return cached;
  }

  /**
   * The package import graph of the main code: for each {@code kis.*} package, the other
   * {@code kis.*} packages its classes use (any bytecode reference: types in signatures, fields,
   * calls, constants, annotations), each edge with one class-level example for messages.
   */
  static Map<String, Map<String, String>> packageGraph() {
    Map<String, Map<String, String>> graph = new TreeMap<>();
    for (JavaClass c : all()) {
      String from = c.getPackageName();
      Map<String, String> out = graph.computeIfAbsent(from, k -> new TreeMap<>());
      for (Dependency d : c.getDirectDependenciesFromSelf()) {
        JavaClass target = d.getTargetClass();
        String to = target.getPackageName();
        if (to.equals(from) || !(to.equals("kis") || to.startsWith("kis.")) || !all().contain(target.getName())) {
          continue;
        }
        out.putIfAbsent(to, d.getOriginClass().getName() + " -> " + target.getName());
      }
    }
    return graph;
  }

  /** Every package of the graph, sorted. */
  static Set<String> packages(Map<String, Map<String, String>> graph) {
    Set<String> all = new TreeSet<>(graph.keySet());
    graph.values().forEach(m -> all.addAll(m.keySet()));
    return all;
  }
}
