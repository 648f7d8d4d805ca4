package kis.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import kis.journal.OrderType;
import kis.journal.Side;
import kis.journal.Symbol;

/**
 * Keeps the account, the order ledger, fills and last prices in a JSON file so that a simulator
 * (standalone, or the engine's embedded one) can be restarted without losing what the engine
 * traded. The file also holds the simulator's throwaway credentials so clients need no
 * reconfiguration.
 *
 * <p>When it is written: at the start, before the port opens; before every execution notice leaves the simulator (so before the REST
 * reply of the order that caused it too), every 30 s (last prices), and at {@link KisSimulator#close()}.
 * Every write is whole and atomic (a temporary file renamed over the old one), so a killed
 * process leaves the last complete state; without an fsync, a power cut may lose the newest writes.
 */
final class StateStore {
  private final Optional<Path> file;
  /** The trading date the history file was last written for (null: not yet in this run). */
  private LocalDate historyThrough;

  StateStore(Optional<Path> file) {
    this.file = file;
  }

  Optional<SimCredentials> savedCredentials() {
    return load().map(n -> n.get("credentials")).filter(c -> c != null && !c.isNull())
        .map(c -> new SimCredentials(Json.text(c, "appKey"), Json.text(c, "appSecret"), Json.text(c, "cano"),
            Json.text(c, "acntPrdtCd"), Json.text(c, "htsId")));
  }

  private Optional<JsonNode> load() {
    return read(file);
  }

  private static Optional<JsonNode> read(Optional<Path> f) {
    if (f.isEmpty() || !Files.exists(f.get())) {
      return Optional.empty();
    }
    try {
      return Optional.of(Json.parse(Files.readString(f.get(), StandardCharsets.UTF_8)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read kis-sim state " + f.get(), e);
    }
  }

  /** Past days' orders and fills, beside the state file: rewritten once a day, not at every change. */
  private Optional<Path> historyFile() {
    return file.map(f -> f.resolveSibling(f.getFileName() + ".history"));
  }

  /**
   * The {@code field} entries of the history, then of the state file; an entry in both (a crash
   * between the day roll's two writes) is taken from the state file.
   */
  private static List<JsonNode> entries(JsonNode history, JsonNode state, String field,
      Function<JsonNode, String> key) {
    Set<String> current = new HashSet<>();
    state.path(field).forEach(e -> current.add(key.apply(e)));
    List<JsonNode> out = new ArrayList<>();
    history.path(field).forEach(e -> {
      if (!current.contains(key.apply(e))) {
        out.add(e);
      }
    });
    state.path(field).forEach(out::add);
    return out;
  }

  void restore(Exchange ex) {
    Optional<JsonNode> loaded = load();
    if (loaded.isEmpty()) {
      return;
    }
    JsonNode n = loaded.get();
    JsonNode history = read(historyFile()).orElse(Json.object());
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
      for (JsonNode o : entries(history, n, "orders", o -> Json.text(o, "date") + "/" + Json.text(o, "odno"))) {
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
        so.stopPrice = o.path("stopPrice").asLong(0);
        so.triggeredAt = o.hasNonNull("triggeredAt") ? o.path("triggeredAt").asText() : null;
        SimOrder orig = byNumber.get(so.date + "/" + so.orgOdno);
        if (orig != null) {
          so.first = orig.first;
        }
        so.first.chainFilledAmount += so.filledAmount;
        byNumber.put(so.date + "/" + so.odno, so);
        ex.orders.add(so);
      }
      for (JsonNode f : entries(history, n, "fills", f -> f.path("seq").asText())) {
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
            nxt.last = inst.last; // from KRX's last price, which its crowd follows (NxtArbitrage)
            nxt.fair = inst.last;
            nxt.regenerateBook();
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
      if (!ex.tradingDate.equals(historyThrough)) {
        // First save of this run, or a day rolled: past days are closed (a revise, cancel or fill
        // touches only today's orders), so they are written now and left alone until the next roll.
        write(historyFile().get(), entriesOf(ex, Json.object(), d -> d.isBefore(ex.tradingDate)));
        historyThrough = ex.tradingDate;
      }
      write(file.get(), snapshot(ex, creds));
    }
  }

  private static void write(Path file, ObjectNode n) {
    try {
      Path target = file.toAbsolutePath();
      // Owner-only from the first byte: the file holds the simulator's credentials, and an engine's
      // data dir is owner-only throughout (a file rewritten every few seconds must not show up
      // group-readable between two of the engine's permission passes).
      boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
      if (!Files.isDirectory(target.getParent())) {
        if (posix) {
          Files.createDirectories(target.getParent(), PosixFilePermissions.asFileAttribute(
              PosixFilePermissions.fromString("rwx------")));
        } else {
          Files.createDirectories(target.getParent());
        }
      }
      Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
      Files.deleteIfExists(tmp);
      if (posix) {
        Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      }
      Files.writeString(tmp, Json.write(n), StandardCharsets.UTF_8);
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write kis-sim state " + file, e);
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
    ObjectNode prices = n.putObject("prices");
    ex.instruments.forEach((s, inst) -> {
      ObjectNode x = prices.putObject(s.code());
      x.put("base", inst.base);
      x.put("last", inst.last);
    });
    return entriesOf(ex, n, d -> d.equals(ex.tradingDate));
  }

  /** {@code n} with the orders and fills of the days {@code days} takes. */
  private static ObjectNode entriesOf(Exchange ex, ObjectNode n, Predicate<LocalDate> days) {
    ArrayNode os = n.putArray("orders");
    for (SimOrder o : ex.orders) {
      if (!days.test(o.date)) {
        continue;
      }
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
      if (o.type == kis.journal.OrderType.STOP_LIMIT) {
        x.put("stopPrice", o.stopPrice);
        x.put("triggeredAt", o.triggeredAt);
      }
    }
    ArrayNode fs = n.putArray("fills");
    for (Fill f : ex.fills) {
      if (!days.test(f.date())) {
        continue;
      }
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
    return n;
  }
}
