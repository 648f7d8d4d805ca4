package kis.engine.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import kis.engine.Main;
import kis.engine.dashboard.demo.DemoEngine;
import org.junit.jupiter.api.Test;

/** {@code kis-trader status} against a running dashboard. */
class StatusCommandTest {

  private record Run(int exit, String out, String err) {}

  private static Run status(String... args) {
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      String[] all = new String[args.length + 1];
      all[0] = "status";
      System.arraycopy(args, 0, all, 1, args.length);
      int exit = Main.commandLine().execute(all);
      return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
  }

  @Test
  void printsTheSameTableTheApiServes() throws Exception {
    DemoEngine engine = new DemoEngine(Clock.systemUTC(), 5);
    try (DashboardFixture dash = new DashboardFixture(engine, engine, null)) {
      Run r = status("--url", dash.server.baseUrl());
      assertEquals(0, r.exit(), r.err());
      List<String> lines = r.out().lines().toList();
      assertEquals(StatusTable.render(engine.agents()), String.join("\n", lines.subList(0, 4)) + "\n");
      assertTrue(lines.get(4).startsWith("KIS token LIVE, websocket LIVE, session LIVE; REST 0/20 per s; "
          + "reconcile NEVER; kill switch off; CONTINUOUS"), lines.get(4));
      assertEquals(5, lines.size(), "nothing holds orders back: " + lines);

      engine.disk(new DiskStatus(true, 100L << 20, 256L << 20, java.time.Instant.now(), "disk almost full: 100 MiB free"));
      List<String> low = status("--url", dash.server.baseUrl()).out().lines().toList();
      assertEquals("NO NEW ORDERS: disk almost full: 100 MiB free", low.get(low.size() - 1));
    }
  }

  @Test
  void saysSoWhenNoEngineAnswers() throws Exception {
    // A port bound but never listening refuses connections, and while the test holds it no other
    // process can start listening there (a closed port could be reused by anyone meanwhile).
    try (java.net.Socket reserved = new java.net.Socket()) {
      reserved.bind(new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0));
      Run r = status("--url", "http://127.0.0.1:" + reserved.getLocalPort());
      assertEquals(1, r.exit());
      assertTrue(r.err().contains("cannot reach the engine"), r.err());
    }
  }
}
