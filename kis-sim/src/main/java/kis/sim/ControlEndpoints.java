package kis.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import kis.journal.KrxTick;
import kis.journal.Symbol;
import kis.journal.Venue;
import kis.journal.calendar.MarketPhase;
import org.apache.pekko.http.javadsl.model.HttpResponse;

/**
 * The simulator's own control endpoints under {@code /sim/} (a path KIS does not use): faults at
 * run time, forced trades, the session clock, and views of the order log and the account.
 * Documented in kis-sim/README.md.
 */
final class ControlEndpoints {
  private final KisSimulator sim;
  private final Exchange ex;
  private final FaultControl faults;
  private final WsHub hub;

  ControlEndpoints(KisSimulator sim, Exchange ex, FaultControl faults, WsHub hub) {
    this.sim = sim;
    this.ex = ex;
    this.faults = faults;
    this.hub = hub;
  }

  HttpResponse handle(RestCall c) {
    try {
      return route(c);
    } catch (IllegalArgumentException e) {
      return error(400, e.getMessage());
    }
  }

  private HttpResponse route(RestCall c) {
    String key = c.method() + " " + c.path();
    switch (key) {
      case "GET /sim/status":
        return ok(status());
      case "GET /sim/faults":
        return ok(Json.MAPPER.valueToTree(faults.describe()));
      case "POST /sim/faults":
        faults.apply(FaultSpec.parse(c.body() != null && c.body().has("spec")
            ? Json.text(c.body(), "spec") : c.rawBody()));
        return ok(Json.MAPPER.valueToTree(faults.describe()));
      case "DELETE /sim/faults":
        faults.clear();
        return ok(Json.MAPPER.valueToTree(faults.describe()));
      case "POST /sim/trade":
        return trade(c.body());
      case "POST /sim/clock/advance":
        long seconds = c.body() == null ? 0
            : c.body().path("seconds").asLong(0) + 60 * c.body().path("minutes").asLong(0);
        ex.advanceClock(Duration.ofSeconds(seconds));
        return ok(status());
      case "POST /sim/session/end-of-day":
        ex.endOfDay();
        return ok(status());
      case "POST /sim/pingpong":
        hub.pingPong();
        return ok(status());
      case "GET /sim/orders":
        return ok(Json.MAPPER.valueToTree(sim.orderLog().entries()));
      case "GET /sim/account":
        return ok(account());
      default:
        return error(404, "unknown control endpoint " + key + "; see kis-sim/README.md");
    }
  }

  private ObjectNode status() {
    ObjectNode n = Json.object();
    n.put("rest", sim.restBaseUrl());
    n.put("websocket", sim.websocketUrl());
    n.put("flavour", sim.config().flavour().name());
    n.put("clock", ex.clock.now().toString());
    ZonedDateTime now = ex.clock.now();
    MarketPhase krx = ex.clock.phase(now);
    // "phase" keeps its old three values for KRX's regular market; "venues" has each venue's phase.
    n.put("phase", krx == MarketPhase.CONTINUOUS
        || krx == MarketPhase.CLOSING_AUCTION ? "OPEN"
        : krx == MarketPhase.PRE_OPEN ? "PRE_OPEN" : "CLOSED");
    ObjectNode venues = n.putObject("venues");
    for (Venue v : Venue.values()) {
      venues.put(v.name(), ex.clock.phase(v, now).name());
    }
    n.put("tradingDate", ex.read(() -> ex.tradingDate).toString());
    n.put("websocketSessions", hub.sessionCount());
    return n;
  }

  private HttpResponse trade(JsonNode b) {
    if (b == null) {
      throw new IllegalArgumentException("body {\"symbol\":\"005930\",\"price\":71000,\"qty\":10} required");
    }
    Symbol s = Symbol.of(Json.text(b, "symbol"));
    String venueName = Json.text(b, "venue");
    Venue venue = venueName.isBlank() ? Venue.KRX : Venue.valueOf(venueName);
    Instrument inst = ex.book(s, venue);
    if (inst == null || venue == Venue.SOR) {
      throw new IllegalArgumentException("no " + venue + " book for " + s);
    }
    if (ex.read(() -> ex.inCall(s, venue, ex.clock.now()))) {
      throw new IllegalArgumentException("KRX is in a call auction or VI for " + s + ": it prints only at the single-price match");
    }
    long price = b.path("price").asLong();
    long qty = b.path("qty").asLong(1);
    int count = b.path("count").asInt(1);
    long limLo = ex.read(() -> inst.limits.lower());
    long limHi = ex.read(() -> inst.limits.upper());
    if (!KrxTick.isOnGrid(price) || price < limLo || price > limHi || qty <= 0) {
      throw new IllegalArgumentException("price must be on the tick grid within " + limLo + ".." + limHi
          + " and qty positive");
    }
    long last = ex.read(() -> inst.last);
    List<Instrument.Print> prints = new java.util.ArrayList<>();
    for (int i = 0; i < count; i++) {
      prints.add(new Instrument.Print(price, qty, price >= last));
    }
    ex.trade(s, venue, prints);
    return ok(account());
  }

  private ObjectNode account() {
    AccountView v = sim.account();
    ObjectNode n = Json.object();
    n.put("cash", v.cash());
    n.put("orderableCash", v.orderableCash());
    ObjectNode h = n.putObject("holdings");
    for (Map.Entry<Symbol, Long> e : v.holdings().entrySet()) {
      h.put(e.getKey().code(), e.getValue());
    }
    ArrayNode orders = n.putArray("orders");
    v.orders().forEach(o -> orders.add(Json.MAPPER.valueToTree(o)));
    ArrayNode fills = n.putArray("fills");
    v.fills().forEach(f -> fills.add(Json.MAPPER.valueToTree(f)));
    return n;
  }

  private static HttpResponse ok(JsonNode n) {
    return RestApi.json(200, n, Map.of());
  }

  private static HttpResponse error(int status, String message) {
    ObjectNode n = Json.object();
    n.put("error", message);
    return RestApi.json(status, n, Map.of());
  }
}
