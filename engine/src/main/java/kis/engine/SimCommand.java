package kis.engine;

import com.typesafe.config.ConfigFactory;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import kis.sim.FaultSpec;
import kis.sim.KisSimulator;
import kis.sim.SimConfig;
import kis.sim.SimCredentials;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code kis-trader sim}: runs kis-sim standalone on loopback until Ctrl-C, so an engine can be
 * killed and restarted against a simulator that keeps its state.
 */
@Command(
    name = "sim",
    mixinStandardHelpOptions = true,
    description = {
        "Run kis-sim, a KIS Open API look-alike, on 127.0.0.1 until Ctrl-C.",
        "Prints its REST and websocket URLs and the throwaway credentials it accepts.",
        "Settings come from the kis-sim block of the configuration; options override them."})
final class SimCommand implements Callable<Integer> {

  @Option(names = "--port", description = "TCP port (default: kis-sim.port, 0 = ephemeral)")
  Integer port;

  @Option(names = "--seed", description = "Seed of the price generator (default: kis-sim.seed)")
  Long seed;

  @Option(names = "--faults", description = "Fault spec armed at start, e.g. notice-duplicate=all,pingpong=off")
  String faults;

  @Option(names = "--state-file", description = "Keep account, orders and prices in this JSON file across restarts")
  Path stateFile;

  @Override
  public Integer call() throws InterruptedException {
    java.io.PrintWriter err = new java.io.PrintWriter(System.err, true);
    com.typesafe.config.Config loaded;
    try {
      loaded = ConfigFactory.load();
    } catch (com.typesafe.config.ConfigException e) {
      err.println("sim: bad configuration: " + e.getMessage());
      return kis.engine.config.ConfigGate.BAD_CONFIG;
    }
    if (kis.engine.config.ConfigGate.refuses(loaded, "sim", err)) {
      return kis.engine.config.ConfigGate.BAD_CONFIG;
    }
    SimConfig cfg = SimConfig.fromConfig(loaded);
    if (port != null) {
      cfg = cfg.withPort(port);
    }
    if (seed != null) {
      cfg = cfg.withSeed(seed);
    }
    if (faults != null) {
      cfg = cfg.withFaults(FaultSpec.parse(faults));
    }
    if (stateFile != null) {
      cfg = cfg.withStateFile(stateFile);
    }
    KisSimulator sim = KisSimulator.start(cfg);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      sim.close();
      stopped.countDown();
    }, "kis-sim-shutdown"));
    print(System.out, sim);
    stopped.await();
    return 0;
  }

  static void print(PrintStream out, KisSimulator sim) {
    SimCredentials c = sim.credentials();
    out.println("kis-sim listening (" + sim.config().flavour() + " flavour)");
    out.println("  REST       " + sim.restBaseUrl());
    out.println("  websocket  " + sim.websocketUrl() + "  (also /tryitout and /tryitout/<TR_ID>)");
    out.println("  control    " + sim.restBaseUrl() + "/sim/status  (see kis-sim/README.md)");
    out.println("Credentials this simulator accepts. They are its own throwaway values, not KIS secrets,");
    out.println("so printing them is fine:");
    out.println("  appkey        " + c.appKey());
    out.println("  appsecret     " + c.appSecret());
    out.println("  CANO          " + c.cano());
    out.println("  ACNT_PRDT_CD  " + c.acntPrdtCd());
    out.println("  HTS id        " + c.htsId());
    out.println("Ctrl-C to stop.");
    out.flush();
  }
}
