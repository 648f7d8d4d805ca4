package kis.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import kis.engine.config.ConfigGate;
import kis.engine.journal.EngineConfig;
import kis.sim.SimConfig;
import kis.sim.SimCredentials;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The container files (packaging/Dockerfile, packaging/compose/*) cannot be built or run on a
 * machine without a container engine; what can be checked is: the compose files are YAML of the
 * shape compose reads, every kis-trader command line in them parses as the CLI's, every
 * KIS_* variable they set is one the engine (or the simulator's conf) reads, and the configuration
 * files they mount pass the engine's own configuration check.
 */
class ContainerFilesTest {
  private static final Path PACKAGING = Path.of("../packaging");
  private static final Path COMPOSE = PACKAGING.resolve("compose");
  private static final Pattern VARIABLE = Pattern.compile("\\b(KIS_[A-Z0-9_]+)\\b");

  @SuppressWarnings("unchecked")
  private static Map<String, Object> services(String file) throws IOException {
    try (InputStream in = Files.newInputStream(COMPOSE.resolve(file))) {
      Map<String, Object> doc = new Yaml().load(in);
      return (Map<String, Object>) doc.get("services");
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void everyKisTraderCommandInTheComposeFilesParsesAsTheCliTakesIt() throws Exception {
    int commands = 0;
    for (String file : List.of("single-node.yml", "cluster.yml")) {
      for (Map.Entry<String, Object> s : services(file).entrySet()) {
        Map<String, Object> service = (Map<String, Object>) s.getValue();
        if (!"kis-trader:latest".equals(service.get("image"))) {
          continue;
        }
        List<String> command = (List<String>) service.get("command");
        var parsed = Main.commandLine().parseArgs(command.toArray(String[]::new)).subcommand();
        assertEquals(command.get(0), parsed.commandSpec().name(), file + " " + s.getKey());
        assertTrue(parsed.unmatched().isEmpty(), file + " " + s.getKey() + ": " + parsed.unmatched());
        commands++;
      }
    }
    assertEquals(1 + 4, commands, "one node; three nodes and the simulator");
    assertEquals(Set.of("postgres", "kis-sim", "node1", "node2", "node3"), services("cluster.yml").keySet());
  }

  @Test
  void everyKisVariableThePackagingSetsIsOneTheEngineReads() throws Exception {
    String read = sourcesAndConfigs();
    Set<String> unknown = new TreeSet<>();
    for (Path f : List.of(PACKAGING.resolve("Dockerfile"), COMPOSE.resolve("single-node.yml"),
        COMPOSE.resolve("cluster.yml"), COMPOSE.resolve("cluster.env.example"), PACKAGING.resolve("kis-trader.env.example"))) {
      Matcher m = VARIABLE.matcher(Files.readString(f));
      while (m.find()) {
        if (!read.contains("\"" + m.group(1) + "\"") && !read.contains("${?" + m.group(1) + "}")
            && !read.contains("${" + m.group(1) + "}")) {
          unknown.add(f.getFileName() + ": " + m.group(1));
        }
      }
    }
    assertEquals(Set.of(), unknown, "variables nothing reads");
  }

  @Test
  void theSimulatorConfOfTheClusterTakesItsCredentialsFromTheEnvFileAndPassesTheCheck() throws Exception {
    Map<String, String> env = Map.of("KIS_APP_KEY", "PSapp0key0for0the0sim", "KIS_APP_SECRET", "sim0secret0value",
        "KIS_SIM_CANO", "50000001", "KIS_HTS_ID", "simuser");
    // As `sim` loads it (-Dconfig.file): the file over the defaults, its ${VARIABLE}s resolved from
    // the environment, which resolution looks up at the root, where they are put here.
    Config c = ConfigFactory.parseFile(COMPOSE.resolve("sim.conf").toFile())
        .withFallback(ConfigFactory.parseMap(env))
        .withFallback(ConfigFactory.defaultReference())
        .resolve();
    StringWriter err = new StringWriter();
    assertFalse(ConfigGate.refuses(c, "sim", new PrintWriter(err)), err.toString());
    SimConfig sim = SimConfig.fromConfig(c);
    SimCredentials creds = sim.credentials().orElseThrow();
    assertEquals(List.of("PSapp0key0for0the0sim", "sim0secret0value", "50000001", "simuser"),
        List.of(creds.appKey(), creds.appSecret(), creds.cano(), creds.htsId()));
    assertEquals("0.0.0.0", c.getString("kis-sim.host"));
    assertEquals(18080, c.getInt("kis-sim.port"));
    assertTrue(sim.stateFile().isPresent(), "its account survives a restart");
  }

  @Test
  void theMountedEngineConfPassesTheCheckAndTheImagesDashboardSettingIsAKeyTheEngineReads() throws Exception {
    Config c = EngineConfig.load(java.util.Optional.of(COMPOSE.resolve("kis-trader.conf")), java.util.Optional.empty());
    StringWriter err = new StringWriter();
    assertFalse(ConfigGate.refuses(c, "run", new PrintWriter(err)), err.toString());
    String dockerfile = Files.readString(PACKAGING.resolve("Dockerfile"));
    assertTrue(dockerfile.contains("-Dkis.dashboard.host=0.0.0.0"), "the dashboard reachable through a published port");
    assertEquals("0.0.0.0", kis.engine.dashboard.DashboardSettings.fromConfig(
        ConfigFactory.parseMap(Map.of("kis.dashboard.host", "0.0.0.0")).withFallback(c)).host());
    assertTrue(dockerfile.contains("USER kis-trader"), "not root");
  }

  /** Main sources and shipped configuration of every module, where a variable's name is read. */
  private static String sourcesAndConfigs() throws IOException {
    List<Path> roots = new ArrayList<>();
    try (Stream<Path> modules = Files.list(Path.of(".."))) {
      modules.map(m -> m.resolve("src/main")).filter(Files::isDirectory).forEach(roots::add);
    }
    roots.add(Path.of("../conf"));
    roots.add(COMPOSE.resolve("sim.conf"));
    StringBuilder all = new StringBuilder();
    for (Path root : roots) {
      try (Stream<Path> files = Files.walk(root)) {
        for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)
            .filter(p -> p.toString().endsWith(".java") || p.toString().endsWith(".conf"))::iterator) {
          all.append(Files.readString(f)).append('\n');
        }
      }
    }
    return all.toString();
  }
}
