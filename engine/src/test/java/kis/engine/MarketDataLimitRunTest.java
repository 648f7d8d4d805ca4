package kis.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code run} counts the KIS websocket registrations its agents' market data needs before anything
 * starts, and refuses (exit 2, as the other configuration refusals) a setup beyond KIS's limit.
 */
class MarketDataLimitRunTest {
  @TempDir Path dir;

  @Test
  void agentsNeedingMoreRegistrationsThanKisAllowsAreRefusedNamingTheCount() throws Exception {
    // 005930 on KRX's and on NXT's feed, 000660 on the integrated one (SOR), plus the notices: 4.
    // A KIS account's own limit is honoured (a simulator target runs on the defaults); nobody listens
    // at the address: the count is refused before anything would talk to KIS.
    int closed;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closed = s.getLocalPort();
    }
    Path credentials = dir.resolve("kis.properties");
    Files.writeString(credentials, "app-key=k\napp-secret=s\naccount=12345678-01\nhts-id=h\n");
    Path config = dir.resolve("feeds.conf");
    Files.writeString(config, "kis { mode = paper, rest-url = \"http://127.0.0.1:" + closed + "\", ws-url = \"ws://127.0.0.1:"
        + closed + "\", token.cache-dir = \"" + dir.resolve("tokens") + "\", websocket.max-subscriptions = 3 }\n"
        + "kis.dashboard.enabled = false\n"
        + "kis-trader.agents = [\n"
        + agent("k", "005930", "") + agent("n", "005930", "venue = NXT") + agent("s", "000660", "venue = SOR")
        + "]\n");
    CommandLine cli = Main.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));

    int exit = cli.execute("run", "--config", config.toString(), "--data-dir", dir.resolve("data").toString(),
        "--credentials", credentials.toString());

    assertEquals(2, exit, out + "\n" + err);
    assertTrue(err.toString().contains("the configured agents need 4 KIS websocket registrations (3 trade feed(s)"),
        err.toString());
    assertTrue(err.toString().contains("more than the 3 KIS allows per session (kis.websocket.max-subscriptions)"),
        err.toString());
    assertFalse(out.toString().contains("Press Ctrl-C"), "nothing started");
  }

  private static String agent(String id, String symbol, String trading) {
    return "  { id = " + id + ", symbol = \"" + symbol + "\", " + trading + (trading.isEmpty() ? "" : ", ")
        + "strategy { name = kis.actors.live.DemoRoundTrip, params { symbol = \"" + symbol
        + "\", quantity = 1, hold-trades = 2 } } }\n";
  }
}
