package kis.engine;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.Locale;
import kis.adapter.Decoded;
import kis.adapter.KisVenues;
import kis.connector.QuoteMarket;
import kis.connector.assembly.KisConnector;
import kis.connector.rest.DailyCcld;
import kis.connector.rest.DailyCcldQuery;
import kis.connector.rest.OrderCashRequest;
import kis.connector.rest.OrderOutcome;
import kis.connector.rest.OrderSide;
import kis.connector.rest.ReviseCancelRequest;
import kis.connector.ws.KisWebSocket;
import kis.engine.kis.KisPrinter;
import kis.engine.kis.KisSession;
import kis.journal.Venue;
import org.apache.pekko.stream.javadsl.Sink;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code kis-trader kis}: talks to KIS (or kis-sim) through kis-connector: balance, price, orders,
 * buy, sell, cancel, and a websocket tail. Without {@code --mode} and without credentials it runs
 * against an embedded kis-sim.
 */
@Command(
    name = "kis",
    mixinStandardHelpOptions = true,
    description = {
        "Use the KIS connection directly: balance, price, orders, buy, sell, cancel, tail.",
        "Default: an embedded kis-sim; a running one with --sim-url URL. KIS itself only with",
        "--mode paper|real and credentials from KIS_APP_KEY, KIS_APP_SECRET, KIS_ACCOUNT (12345678-01),",
        "KIS_HTS_ID or --credentials FILE."},
    subcommands = {
        KisCommand.BalanceCmd.class, KisCommand.PriceCmd.class, KisCommand.OrdersCmd.class,
        KisCommand.BuyCmd.class, KisCommand.SellCmd.class, KisCommand.CancelCmd.class, KisCommand.TailCmd.class})
final class KisCommand implements Runnable {
  static final Duration WAIT = Duration.ofSeconds(30);
  static final int REJECTED = 1;
  static final int USAGE = 2;
  static final int IN_DOUBT = 3;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--sim", description = "Use an embedded kis-sim (the default without --mode).")
  boolean sim;

  @Option(names = "--mode", description = "paper or real (or sim for an external kis-sim); needs credentials.")
  String mode;

  @Option(names = "--config", description = "HOCON file with a kis { } block (hosts, rate limits, token cache).")
  Path config;

  @Option(names = "--credentials", description = "Properties/HOCON file with app-key, app-secret, account, hts-id.")
  Path credentials;

  @Option(names = "--sim-url", paramLabel = "URL", description = {"A running kis-sim's REST url: a standalone one,",
      "or a running engine's embedded one (on its start line). No config file needed."})
  String simUrl;

  @Option(names = "--sim-ws-url", paramLabel = "URL", description = "Its websocket url (default: the REST port, ws://).")
  String simWsUrl;

  @Option(names = "--data-dir", paramLabel = "DIR", description = {"With --sim-url: the engine's data dir, whose token",
      "cache is shared and whose embedded simulator's credentials are used (default: kis-trader.data-dir)."})
  Path dataDir;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  KisSession open() {
    if (simUrl == null) {
      if (simWsUrl != null || dataDir != null) {
        throw new IllegalArgumentException("--sim-ws-url and --data-dir go with --sim-url");
      }
      return KisSession.open(sim, mode, config, credentials, System.getenv());
    }
    return KisSession.open(sim, mode, config, credentials, System.getenv(),
        new kis.engine.kis.RunningSim(simUrl, simWsUrl, dataDir));
  }

  PrintWriter out() {
    return spec.commandLine().getOut();
  }

  static <T> T await(CompletionStage<T> s) throws Exception {
    return s.toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);
  }

  static int exitCode(OrderOutcome o) {
    if (o instanceof OrderOutcome.Accepted) {
      return 0;
    }
    return o instanceof OrderOutcome.InDoubt ? IN_DOUBT : REJECTED;
  }

  static LocalDate today() {
    return LocalDate.now(ZoneId.of("Asia/Seoul"));
  }

  /** {@code --venue} of an order: KRX, NXT or SOR, any case. */
  static final class VenueConverter implements CommandLine.ITypeConverter<Venue> {
    @Override
    public Venue convert(String value) {
      try {
        return Venue.valueOf(value.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new CommandLine.TypeConversionException("'" + value + "' is not a venue: KRX, NXT or SOR");
      }
    }
  }

  /** {@code --venue} of the daily-orders filter: a venue, or ALL. Becomes its {@code EXCG_ID_DVSN_CD}. */
  static final class VenueFilterConverter implements CommandLine.ITypeConverter<String> {
    @Override
    public String convert(String value) {
      if (value.trim().equalsIgnoreCase(KisVenues.allVenues())) {
        return KisVenues.allVenues();
      }
      try {
        return KisVenues.code(new VenueConverter().convert(value));
      } catch (CommandLine.TypeConversionException e) {
        throw new CommandLine.TypeConversionException("'" + value + "' is not a venue: KRX, NXT, SOR or ALL");
      }
    }
  }

  /** {@code --venue} of market data: KRX, NXT or UN (integrated), any case. */
  static final class MarketConverter implements CommandLine.ITypeConverter<QuoteMarket> {
    @Override
    public QuoteMarket convert(String value) {
      try {
        return QuoteMarket.parse(value);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.TypeConversionException("'" + value + "' is not a market: KRX, NXT or UN");
      }
    }
  }

  /** Base of the subcommands: opens the session, runs, closes. */
  abstract static class Action implements Callable<Integer> {
    @ParentCommand KisCommand parent;

    @Override
    public Integer call() throws Exception {
      java.io.PrintWriter err = parent.spec.commandLine().getErr();
      try {
        if (kis.engine.config.ConfigGate.refuses(KisSession.load(parent.config), "kis", err)) {
          return USAGE;
        }
      } catch (com.typesafe.config.ConfigException e) {
        err.println("kis: bad configuration: " + e.getMessage());
        return USAGE;
      }
      KisSession s;
      try {
        s = parent.open();
      } catch (IllegalArgumentException e) {
        // Configuration and credential problems: the messages name the setting, never a secret.
        parent.spec.commandLine().getErr().println("kis: " + e.getMessage());
        return USAGE;
      }
      try (s) {
        parent.out().println("# " + s.describe());
        return run(s.connector(), s, new KisPrinter(parent.out()));
      }
    }

    abstract int run(KisConnector kis, KisSession session, KisPrinter print) throws Exception;
  }

  @Command(name = "balance", description = "Cash and holdings (inquire-balance).")
  static final class BalanceCmd extends Action {
    @Override
    int run(KisConnector kis, KisSession session, KisPrinter print) throws Exception {
      print.balance(await(kis.rest().inquireBalance()));
      return 0;
    }
  }

  @Command(name = "price", description = "Current price, limits and tick (inquire-price).")
  static final class PriceCmd extends Action {
    @Parameters(arity = "1..*", paramLabel = "CODE", description = "Stock codes, e.g. 005930.")
    List<String> codes;

    @Option(names = "--venue", paramLabel = "KRX|NXT|UN", converter = MarketConverter.class,
        description = "Whose quote: KRX (default), NXT or UN (both venues integrated).")
    QuoteMarket market = QuoteMarket.KRX;

    @Override
    int run(KisConnector kis, KisSession session, KisPrinter print) throws Exception {
      for (String code : codes) {
        print.quote(await(kis.rest().inquirePrice(market, code)));
      }
      return 0;
    }
  }

  @Command(name = "orders", description = "Today's orders and fills (inquire-daily-ccld, all pages).")
  static final class OrdersCmd extends Action {
    @Option(names = "--venue", paramLabel = "KRX|NXT|SOR|ALL", defaultValue = "ALL",
        converter = VenueFilterConverter.class, description = "Only the orders placed on this venue (default ALL).")
    String exchange;

    @Override
    int run(KisConnector kis, KisSession session, KisPrinter print) throws Exception {
      print.orders(await(kis.rest().inquireDailyCcld(DailyCcldQuery.day(exchange, today()))));
      return 0;
    }
  }

  abstract static class OrderCmd extends Action {
    @Parameters(index = "0", paramLabel = "CODE", description = "Stock code, e.g. 005930.")
    String code;

    @Parameters(index = "1", paramLabel = "QTY", description = "Shares.")
    long qty;

    @Parameters(index = "2", arity = "0..1", paramLabel = "PRICE", description = "Limit price; omit for a market order.")
    Long price;

    @Option(names = "--venue", paramLabel = "KRX|NXT|SOR", converter = VenueConverter.class,
        description = "Where the order goes (EXCG_ID_DVSN_CD): KRX (default), NXT or SOR (smart routing); "
            + "paper accounts take KRX only.")
    Venue venue = Venue.DEFAULT;

    abstract OrderSide side();

    @Override
    int run(KisConnector kis, KisSession session, KisPrinter print) throws Exception {
      String exchange = KisVenues.code(venue);
      OrderCashRequest r = price == null
          ? OrderCashRequest.market(exchange, side(), code, qty)
          : OrderCashRequest.limit(exchange, side(), code, qty, price);
      OrderOutcome o = await(kis.rest().orderCash(r));
      print.outcome(o);
      return exitCode(o);
    }
  }

  @Command(name = "buy", description = "Cash buy (order-cash). Sent once; a timeout is reported IN DOUBT.")
  static final class BuyCmd extends OrderCmd {
    @Override
    OrderSide side() {
      return OrderSide.BUY;
    }
  }

  @Command(name = "sell", description = "Cash sell (order-cash). Sent once; a timeout is reported IN DOUBT.")
  static final class SellCmd extends OrderCmd {
    @Override
    OrderSide side() {
      return OrderSide.SELL;
    }
  }

  @Command(name = "cancel",
      description = "Cancel what is left of an order of today (order-rvsecncl), on the venue it was placed on.")
  static final class CancelCmd extends Action {
    @Parameters(index = "0", paramLabel = "ODNO", description = "Order number from 'buy', 'sell' or 'orders'.")
    String odno;

    @Override
    int run(KisConnector kis, KisSession session, KisPrinter print) throws Exception {
      DailyCcld day = await(kis.rest().inquireDailyCcld(DailyCcldQuery.day(KisVenues.allVenues(), today())));
      String wanted = odno.trim();
      DailyCcld.Order o = day.orders().stream()
          .filter(r -> r.odno().equals(wanted) || stripZeros(r.odno()).equals(stripZeros(wanted)))
          .findFirst().orElse(null);
      if (o == null) {
        parent.out().println("no order " + wanted + " today");
        return REJECTED;
      }
      // KIS takes a cancel only on the original's venue; the row says which.
      Decoded<Venue> placed = KisVenues.ofCode(o.excgIdDvsnCd());
      if (placed instanceof Decoded.Refused<Venue> r) {
        parent.out().println("order " + wanted + ": " + r.why());
        return REJECTED;
      }
      String exchange = KisVenues.code(((Decoded.Known<Venue>) placed).value());
      OrderOutcome outcome = await(kis.rest().reviseOrCancel(ReviseCancelRequest.cancelAll(exchange, o.ordGnoBrno(),
          o.odno(), o.ordDvsnCd() == null || o.ordDvsnCd().isBlank() ? "00" : o.ordDvsnCd())));
      print.outcome(outcome);
      return exitCode(outcome);
    }

    private static String stripZeros(String s) {
      return s.replaceFirst("^0+", "");
    }
  }

  @Command(name = "tail", description = "Stream trades (and your execution notices) from the websocket.")
  static final class TailCmd extends Action {
    @Parameters(arity = "1..*", paramLabel = "CODE", description = "Stock codes to follow.")
    List<String> codes;

    @Option(names = "--seconds", description = "Stop after this many seconds (default: until Ctrl-C).")
    long seconds;

    @Option(names = "--book", description = "Also stream the 10-level order book.")
    boolean book;

    @Option(names = "--no-notices", description = "Do not subscribe to execution notices.")
    boolean noNotices;

    @Option(names = "--venue", paramLabel = "KRX|NXT|UN", converter = MarketConverter.class,
        description = "Whose feed: KRX (H0STCNT0, default), NXT (H0NXCNT0) or UN (H0UNCNT0, both venues).")
    QuoteMarket market = QuoteMarket.KRX;

    @Override
    int run(KisConnector kis, KisSession session, KisPrinter print) throws Exception {
      KisWebSocket ws = await(kis.openWebSocket());
      ws.events().runWith(Sink.foreach(print::event), session.system());
      await(ws.connectedStage());
      // Acks are printed from the event stream.
      for (String code : codes) {
        await(ws.subscribeTrades(market, code));
        if (book) {
          await(ws.subscribeOrderBook(market, code));
        }
      }
      if (!noNotices) {
        await(ws.subscribeExecutionNotices(kis.credentials().htsId(), kis.paper()));
      }
      try {
        if (seconds > 0) {
          ws.closed().toCompletableFuture().get(seconds, TimeUnit.SECONDS);
        } else {
          ws.closed().toCompletableFuture().get();
        }
      } catch (java.util.concurrent.TimeoutException done) {
        ws.close();
        ws.closed().toCompletableFuture().get(10, TimeUnit.SECONDS);
      }
      parent.out().println("# malformed frames: " + ws.malformedFrames());
      return 0;
    }
  }
}
