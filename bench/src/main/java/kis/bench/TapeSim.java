package kis.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import kis.journal.Symbol;
import kis.sim.BenchTape;
import kis.sim.KisSimulator;
import kis.sim.SimCredentials;

/**
 * The tick-to-order harness's simulator in a JVM of its own ({@link PipedTape} starts it): the
 * embedded simulator's configuration, its endpoint printed as {@code sim} prints it, and one print
 * per line read from standard input ({@code SYMBOL PRICE QTY}), so that the frames it builds and
 * the garbage it makes are not in the JVM being measured. Exits when its input closes.
 * Usage: {@code java -cp bench.jar kis.bench.TapeSim SYMBOL...} (the symbols whose last price it reports).
 */
public final class TapeSim {
  private TapeSim() {}

  public static void main(String[] args) throws Exception {
    KisSimulator sim = SimEngine.simulator("pingpong-interval = 10s");
    BenchTape tape = new BenchTape(sim);
    PrintStream out = System.out;
    SimCredentials c = sim.credentials();
    out.println("  REST       " + sim.restBaseUrl());
    out.println("  websocket  " + sim.websocketUrl());
    out.println("  appkey        " + c.appKey());
    out.println("  appsecret     " + c.appSecret());
    out.println("  CANO          " + c.cano());
    out.println("  ACNT_PRDT_CD  " + c.acntPrdtCd());
    out.println("  HTS id        " + c.htsId());
    for (String code : args) {
      out.println("  price " + code + " " + sim.account().lastPrice(Symbol.of(code)));
    }
    out.println("Ctrl-C to stop.");
    out.flush();
    try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII))) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        int a = line.indexOf(' ');
        int b = line.indexOf(' ', a + 1);
        tape.print(Symbol.of(line.substring(0, a)), Long.parseLong(line, a + 1, b, 10),
            Long.parseLong(line, b + 1, line.length(), 10));
      }
    } finally {
      sim.close();
      Exit.halt();
    }
  }
}
