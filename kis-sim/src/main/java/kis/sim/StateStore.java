package kis.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import kis.journal.OrderType;
import kis.journal.Side;
import kis.journal.Symbol;

/**
 * Keeps the account, the order ledger, fills and last prices in a JSON file so that a simulator
 * (standalone, or the engine's embedded one) can be restarted without losing what the engine
 * traded. The file also holds the simulator's throwaway credentials so clients need no
 * reconfiguration.
 *
 * <p>When it is written: before every execution notice leaves the simulator (so before the REST
 * reply of the order that caused it too), every 2 s (last prices), and at {@link KisSimulator#close()}.
 * Every write is whole and atomic (a temporary file renamed over the old one), so a killed
 * process leaves the last complete state; without an fsync, a power cut may lose the newest writes.
 */
final class StateStore {
  private final Optional<Path> file;

  StateStore(Optional<Path> file) {
    this.file = file;
  }

  Optional<SimCredentials> savedCredentials() {
    return load().map(n -> n.get("credentials")).filter(c -> c != null && !c.isNull())
        .map(c -> new SimCredentials(Json.text(c, "appKey"), Json.text(c, "appSecret"), Json.text(c, "cano"),
            Json.text(c, "acntPrdtCd"), Json.text(c, "htsId")));
  }

  private Optional<JsonNode> load() {
    if (file.isEmpty() || !Files.exists(file.get())) {
      return Optional.empty();
    }
    try {
      return Optional.of(Json.parse(Files.readString(file.get(), StandardCharsets.UTF_8)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read kis-sim state " + file.get(), e);
    }
  }

  void restore(Exchange ex) {
    Optional<JsonNode> loaded = load();
    if (loaded.isEmpty()) {
      return;
    }
    JsonNode n = loaded.get();
    ex.read(() -> {
      ex.nextOdno = n.path("nextOdno").asLong(1);
      Account a = ex.account;
      a.cash = n.path("cash").asLong();
      a.todayBuyAmount = n.path("todayBuyAmount").asLong();
      a.todaySellAmount = n.path("todaySellAmount").asLong();
      a.todayCosts = n.path("todayCosts").asLong();
      for (JsonNode h : n.path("holdings")) {
        Account.Holding x = a.holding(Symbol.of(Json.text(h, "code")));
        x.qty = h.path("qty").asLong();
        x.purchaseAmount = h.path("purchaseAmount").asLong();
        x.todayBuyQty = h.path("todayBuyQty").asLong();
        x.todaySellQty = h.path("todaySellQty").asLong();
      }
      Map<String, SimOrder> byNumber = new HashMap<>(); // date/odno, for revise chains
      for (JsonNode o : n.path("orders")) {
        SimOrder so = new SimOrder(Json.text(o, "odno"), Json.text(o, "orgOdno"),
            SimOrder.Kind.valueOf(Json.text(o, "kind")), LocalDate.parse(Json.text(o, "date")), Json.text(o, "time"),
            Symbol.of(Json.text(o, "symbol")), Side.valueOf(Json.text(o, "side")),
            WireCodes.orderType(Json.text(o, "ordDvsn")), o.path("qty").asLong(), o.path("price").asLong());
        so.filled = o.path("filled").asLong();
        so.filledAmount = o.path("filledAmount").asLong();
        so.cancelled = o.path("cancelled").asLong();
        so.revised = o.path("revised").asLong();
        so.expired = o.path("expired").asBoolean();
        so.requested = kis.journal.Venue.valueOf(o.path("venue").asText("KRX"));
        so.book = kis.journal.Venue.valueOf(o.path("book").asText("KRX"));
        so.afterMarket = o.path("afterMarket").asBoolean(false);
        SimOrder orig = byNumber.get(so.date + "/" + so.orgOdno);
        if (orig != null) {
          so.first = orig.first;
        }
        so.first.chainFilledAmount += so.filledAmount;
        byNumber.put(so.date + "/" + so.odno, so);
        ex.orders.add(so);
      }
      for (JsonNode f : n.path("fills")) {
        ex.nextFillSeq = Math.max(ex.nextFillSeq, f.path("seq").asLong() + 1);
        ex.fills.add(new Fill(f.path("seq").asLong(), Json.text(f, "odno"), LocalDate.parse(Json.text(f, "date")),
            Json.text(f, "time"), Symbol.of(Json.text(f, "symbol")), Side.valueOf(Json.text(f, "side")),
            f.path("qty").asLong(), f.path("price").asLong(), f.path("fee").asLong(), f.path("tax").asLong()));
      }
      LocalDate date = LocalDate.parse(Json.text(n, "tradingDate"));
      n.path("prices").properties().forEach(e -> {
        Instrument inst = ex.instrument(Symbol.of(e.getKey()));
        if (inst != null) {
          inst.startDay(e.getValue().path("base").asLong(), date);
          inst.last = e.getValue().path("last").asLong(inst.base);
          inst.fair = inst.last;
          inst.regenerateBook();
          Instrument nxt = ex.nxtInstruments.get(inst.spec.symbol());
          if (nxt != null) {
            nxt.startDay(inst.base, date); // NXT's band follows KRX's base; its own prints restart
          }
        }
      });
      ex.tradingDate = date;
      return null;
    });
    ex.checkSession();
  }

  /**
   * Writes the state as of now. Holds the exchange's lock for the snapshot and the write, so two
   * writers never interleave and an older snapshot never lands after a newer one; reentrant for
   * the execution-notice path, which runs under that lock mid-call (the state is then consistent:
   * every notice follows the change it reports).
   */
  void save(Exchange ex, SimCredentials creds) {
    if (file.isEmpty()) {
      return;
    }
    synchronized (ex) {
      write(snapshot(ex, creds));
    }
  }

  private void write(ObjectNode n) {
    try {
      Path target = file.get().toAbsolutePath();
      Files.createDirectories(target.getParent());
      Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
      Files.writeString(tmp, Json.write(n), StandardCharsets.UTF_8);
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write kis-sim state " + file.get(), e);
    }
  }

  private static ObjectNode snapshot(Exchange ex, SimCredentials creds) {
    ObjectNode n = Json.object();
    ObjectNode c = n.putObject("credentials");
    c.put("appKey", creds.appKey());
    c.put("appSecret", creds.appSecret());
    c.put("cano", creds.cano());
    c.put("acntPrdtCd", creds.acntPrdtCd());
    c.put("htsId", creds.htsId());
    n.put("nextOdno", ex.nextOdno);
    n.put("tradingDate", ex.tradingDate.toString());
    Account a = ex.account;
    n.put("cash", a.cash);
    n.put("todayBuyAmount", a.todayBuyAmount);
    n.put("todaySellAmount", a.todaySellAmount);
    n.put("todayCosts", a.todayCosts);
    ArrayNode hs = n.putArray("holdings");
    a.holdings.forEach((s, h) -> {
      ObjectNode x = hs.addObject();
      x.put("code", s.code());
      x.put("qty", h.qty);
      x.put("purchaseAmount", h.purchaseAmount);
      x.put("todayBuyQty", h.todayBuyQty);
      x.put("todaySellQty", h.todaySellQty);
    });
    ArrayNode os = n.putArray("orders");
    for (SimOrder o : ex.orders) {
      ObjectNode x = os.addObject();
      x.put("odno", o.odno);
      x.put("orgOdno", o.orgOdno);
      x.put("kind", o.kind.name());
      x.put("date", o.date.toString());
      x.put("time", o.time);
      x.put("symbol", o.symbol.code());
      x.put("side", o.side.name());
      x.put("ordDvsn", WireCodes.ordDvsn(o.type));
      x.put("qty", o.qty);
      x.put("price", o.price);
      x.put("filled", o.filled);
      x.put("filledAmount", o.filledAmount);
      x.put("cancelled", o.cancelled);
      x.put("revised", o.revised);
      x.put("expired", o.expired);
      x.put("venue", o.requested.name());
      x.put("book", o.book.name());
      x.put("afterMarket", o.afterMarket);
    }
    ArrayNode fs = n.putArray("fills");
    for (Fill f : ex.fills) {
      ObjectNode x = fs.addObject();
      x.put("seq", f.seq());
      x.put("odno", f.odno());
      x.put("date", f.date().toString());
      x.put("time", f.time());
      x.put("symbol", f.symbol().code());
      x.put("side", f.side().name());
      x.put("qty", f.qty());
      x.put("price", f.price());
      x.put("fee", f.fee());
      x.put("tax", f.tax());
    }
    ObjectNode ps = n.putObject("prices");
    ex.instruments.forEach((s, inst) -> {
      ObjectNode x = ps.putObject(s.code());
      x.put("base", inst.base);
      x.put("last", inst.last);
    });
    return n;
  }
}
