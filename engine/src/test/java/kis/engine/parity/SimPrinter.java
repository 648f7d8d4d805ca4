package kis.engine.parity;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import kis.journal.Symbol;
import kis.sim.KisSimulator;

/** Prints trades in kis-sim through its control endpoint ({@code POST /sim/trade}), one at a time. */
final class SimPrinter {
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final URI uri;

  SimPrinter(KisSimulator sim) {
    this.uri = URI.create(sim.restBaseUrl() + "/sim/trade");
  }

  /** Returns once kis-sim has matched the print against the account's orders and published it. */
  void print(Symbol symbol, long price, long qty) throws Exception {
    HttpRequest req = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
        .header("content-type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(
            "{\"symbol\":\"" + symbol.code() + "\",\"price\":" + price + ",\"qty\":" + qty + "}"))
        .build();
    HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IllegalStateException("/sim/trade answered " + r.statusCode() + ": " + r.body());
    }
  }
}
