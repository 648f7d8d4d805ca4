package kis.sim;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.TreeMap;
import kis.journal.KrxTick;
import kis.journal.PriceLimits;

/**
 * Market state of one stock: today's prices and volumes, the synthetic 10-level book around the
 * last price, minute bars, synthetic daily history and investor flows. Mutable, guarded by the
 * {@link Exchange} lock. All randomness comes from one seeded {@link Random} per stock, so the
 * same seed and the same sequence of calls give the same market.
 */
final class Instrument {
  static final int LEVELS = 10;

  /** One bar of history or today's minute bars. */
  static final class Bar {
    final String key;
    long open;
    long high;
    long low;
    long close;
    long volume;
    long value;

    Bar(String key, long price) {
      this.key = key;
      this.open = price;
      this.high = price;
      this.low = price;
      this.close = price;
    }

    void add(long price, long qty) {
      high = Math.max(high, price);
      low = Math.min(low, price);
      close = price;
      volume += qty;
      value += price * qty;
    }
  }

  /** One day of net buying by investor type (개인 / 외국인 / 기관), in shares and won. */
  static final class Flows {
    final LocalDate date;
    long close;
    long prdyVrss;
    long[] buyQty = new long[3];
    long[] sellQty = new long[3];
    long[] buyAmt = new long[3];
    long[] sellAmt = new long[3];

    Flows(LocalDate date) {
      this.date = date;
    }
  }

  static final int PERSON = 0;
  static final int FOREIGN = 1;
  static final int INSTITUTION = 2;

  /** A trade print: price, quantity, and whether the buyer initiated it. */
  record Print(long price, long qty, boolean buyInitiated) {}

  final InstrumentSpec spec;
  private final Random rnd;
  long base;
  PriceLimits limits;
  long last;
  long open;
  long high;
  long low;
  String openTime = "090000";
  String highTime = "090000";
  String lowTime = "090000";
  long volume;
  long value;
  long prevDayVolume;
  long sellVolume;
  long buyVolume;
  long sellCount;
  long buyCount;
  double fair;
  boolean volatileRegime;
  double foreignBias;
  final long[] askPx = new long[LEVELS];
  final long[] askQty = new long[LEVELS];
  final long[] bidPx = new long[LEVELS];
  final long[] bidQty = new long[LEVELS];
  final long[] prevAskQty = new long[LEVELS];
  final long[] prevBidQty = new long[LEVELS];
  final TreeMap<String, Bar> minuteBars = new TreeMap<>();
  /** Past days, newest first; today's bar is derived from the live fields. */
  final List<Bar> history = new ArrayList<>();
  final List<Flows> flowHistory = new ArrayList<>();
  Flows todayFlows;
  /** Orders this book's last print among both books' (the integrated quote follows the later one). */
  long lastPrintSeq;
  /**
   * The {@link PriceModel#CALIBRATED} crowd of this book; null for the tick walk, whose value follows
   * every print ({@link #generate}).
   */
  CalibratedWalk walk;
  /** One of today's prints for inquire-ccnl: time, price, quantity and the day's buy/sell strength then. */
  record Tick(String time, long price, long qty, String strength) {}

  /** Today's last {@value #RECENT} prints, newest first. */
  static final int RECENT = 30;
  final ArrayDeque<Tick> recent = new ArrayDeque<>();
  /** While a volatility interruption runs on this (KRX) book: when its single-price match is due; else null. */
  ZonedDateTime viEnd;
  /** The price of the print that triggered the running VI: the simulator's single price for its match. */
  long viPrice;

  Instrument(InstrumentSpec spec, long seed, LocalDate today) {
    this.spec = spec;
    this.rnd = new Random(seed * 31 + spec.symbol().code().hashCode());
    buildHistory(today, new Random(seed ^ (spec.symbol().code().hashCode() * 0x9E3779B97F4A7C15L)));
    startDay(spec.basePrice(), today);
  }

  /** A new trading day with {@code basePrice} as 기준가. */
  void startDay(long basePrice, LocalDate date) {
    prevDayVolume = volume;
    base = basePrice;
    limits = PriceLimits.forBase(base);
    last = base;
    open = 0;
    high = base;
    low = base;
    volume = 0;
    value = 0;
    sellVolume = 0;
    buyVolume = 0;
    sellCount = 0;
    buyCount = 0;
    fair = base;
    minuteBars.clear();
    recent.clear();
    todayFlows = new Flows(date);
    regenerateBook();
  }

  /**
   * Gives a simulator started in the middle of a session the day's minute bars so far: a seeded
   * walk over {@code minutes} that ends at the current price, recorded into today's statistics
   * (open, high, low, volume). Its randomness is its own, so the live prints that follow are the
   * same as without it.
   */
  void backfill(List<LocalTime> minutes, Random r) {
    int n = minutes.size();
    if (n == 0) {
      return;
    }
    double sigma = spec.volatility() * Math.sqrt(60 / (252 * 6.5 * 3600));
    long[] close = new long[n];
    double px = last;
    for (int i = n - 1; i >= 0; i--) {
      close[i] = Math.max(limits.lower(), Math.min(limits.upper(), KrxTick.roundDown(Math.max(1, Math.round(px)))));
      px = px / Math.exp(sigma * r.nextGaussian());
    }
    close[n - 1] = last;
    long prev = close[0];
    double mean = Math.max(1, spec.floatingShares() * 1e-6);
    for (int i = 0; i < n; i++) {
      String hhmm = String.format("%02d%02d", minutes.get(i).getHour(), minutes.get(i).getMinute());
      long qty = 1 + (long) (-mean * Math.log(1 - r.nextDouble()));
      Bar b = new Bar(hhmm, prev);
      b.add(close[i], qty);
      minuteBars.put(hhmm, b);
      String t = hhmm + "00";
      if (open == 0) {
        open = prev;
        high = prev;
        low = prev;
        openTime = t;
        highTime = t;
        lowTime = t;
      }
      if (b.high > high) {
        high = b.high;
        highTime = t;
      }
      if (b.low < low) {
        low = b.low;
        lowTime = t;
      }
      volume += qty;
      value += close[i] * qty;
      buyVolume += qty / 2;
      sellVolume += qty - qty / 2;
      prev = close[i];
    }
  }

  /** The day's bar so far, keyed by {@code date} (its open the base price before the first print). */
  Bar dayBar(LocalDate date) {
    Bar b = new Bar(date.toString().replace("-", ""), open == 0 ? base : open);
    b.high = high;
    b.low = low;
    b.close = last;
    b.volume = volume;
    b.value = value;
    return b;
  }

  /** Closes the day into history (newest first). */
  void closeDay(LocalDate date) {
    history.add(0, dayBar(date));
    todayFlows.close = last;
    todayFlows.prdyVrss = last - base;
    flowHistory.add(0, todayFlows);
  }

  /** Trade prints for {@code dtSeconds} of simulated time: a GBM step with volatility regimes. */
  List<Print> generate(double dtSeconds) {
    return generate(dtSeconds, true);
  }

  /**
   * {@link #generate(double)}; with {@code moveValue} false the value stays where it was set (a
   * book whose value another book's steers, {@link NxtArbitrage}) and only the prints around it come.
   */
  List<Print> generate(double dtSeconds, boolean moveValue) {
    if (rnd.nextDouble() < 0.01) {
      volatileRegime = !volatileRegime;
    }
    foreignBias = Math.max(-1, Math.min(1, 0.995 * foreignBias + 0.05 * rnd.nextGaussian()));
    if (moveValue) {
      double yearSeconds = 252 * 6.5 * 3600;
      double sigma = spec.volatility() * (volatileRegime ? 3 : 1) * Math.sqrt(dtSeconds / yearSeconds);
      double drift = 0.3 * foreignBias * sigma;
      fair = fair * Math.exp(drift + sigma * rnd.nextGaussian());
    }
    fair = Math.max(limits.lower(), Math.min(limits.upper(), fair));
    int n = 1 + rnd.nextInt(3);
    List<Print> prints = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      boolean buy = rnd.nextDouble() < 0.5 + 0.1 * foreignBias;
      long px = buy ? KrxTick.roundUp(Math.round(Math.ceil(fair))) : KrxTick.roundDown(Math.max(1, (long) fair));
      px = Math.max(limits.lower(), Math.min(limits.upper(), px));
      prints.add(new Print(px, tradeSize(), buy));
    }
    return prints;
  }

  private long tradeSize() {
    double mean = Math.max(1, spec.floatingShares() * 1e-7);
    return 1 + (long) (-mean * Math.log(1 - rnd.nextDouble()));
  }

  /** Records a trade at {@code price} in today's statistics. */
  void record(Print p, String hhmmss) {
    if (open == 0) {
      open = p.price();
      high = p.price();
      low = p.price();
      openTime = hhmmss;
      highTime = hhmmss;
      lowTime = hhmmss;
    }
    if (p.price() > high) {
      high = p.price();
      highTime = hhmmss;
    }
    if (p.price() < low) {
      low = p.price();
      lowTime = hhmmss;
    }
    last = p.price();
    if (walk == null) {
      fair = p.price();
    }
    volume += p.qty();
    value += p.price() * p.qty();
    if (p.buyInitiated()) {
      buyVolume += p.qty();
      buyCount++;
    } else {
      sellVolume += p.qty();
      sellCount++;
    }
    minuteBars.computeIfAbsent(hhmmss.substring(0, 4), k -> new Bar(k, p.price())).add(p.price(), p.qty());
    recent.addFirst(new Tick(hhmmss, p.price(), p.qty(), sellVolume == 0 ? "0.00"
        : String.format(Locale.ROOT, "%.2f", buyVolume * 100.0 / sellVolume)));
    if (recent.size() > RECENT) {
      recent.removeLast();
    }
    int buyer = investor(0.3 + 0.2 * foreignBias);
    int seller = investor(0.3 - 0.2 * foreignBias);
    todayFlows.buyQty[buyer] += p.qty();
    todayFlows.buyAmt[buyer] += p.price() * p.qty();
    todayFlows.sellQty[seller] += p.qty();
    todayFlows.sellAmt[seller] += p.price() * p.qty();
  }

  private int investor(double foreignShare) {
    double u = rnd.nextDouble();
    if (u < foreignShare) {
      return FOREIGN;
    }
    return u < foreignShare + 0.25 ? INSTITUTION : PERSON;
  }

  /** Rebuilds the synthetic book: asks from one tick above the last price, bids from it down. */
  void regenerateBook() {
    System.arraycopy(askQty, 0, prevAskQty, 0, LEVELS);
    System.arraycopy(bidQty, 0, prevBidQty, 0, LEVELS);
    double mean = Math.max(1, spec.floatingShares() * 2e-7);
    long ask = last;
    long bid = last;
    for (int i = 0; i < LEVELS; i++) {
      ask = ask + KrxTick.tickSize(ask);
      if (ask <= limits.upper()) {
        askPx[i] = ask;
        askQty[i] = 1 + (long) (-mean * (1 + 0.3 * i) * Math.log(1 - rnd.nextDouble()));
      } else {
        askPx[i] = 0;
        askQty[i] = 0;
      }
      if (i > 0 && bid > 1) {
        bid = bid - KrxTick.tickSize(bid - 1);
      }
      if (bid >= limits.lower()) {
        bidPx[i] = bid;
        bidQty[i] = 1 + (long) (-mean * (1 + 0.3 * i) * Math.log(1 - rnd.nextDouble()));
      } else {
        bidPx[i] = 0;
        bidQty[i] = 0;
      }
    }
  }

  long bestAsk() {
    return askPx[0];
  }

  long bestBid() {
    return bidPx[0];
  }

  private void buildHistory(LocalDate today, Random h) {
    double dailySigma = spec.volatility() / Math.sqrt(252);
    double close = spec.basePrice();
    LocalDate d = today.minusDays(1);
    double bias = 0;
    for (int i = 0; i < 300; i++) {
      while (d.getDayOfWeek() == DayOfWeek.SATURDAY || d.getDayOfWeek() == DayOfWeek.SUNDAY) {
        d = d.minusDays(1);
      }
      long c = KrxTick.roundDown(Math.max(1, Math.round(close)));
      double range = Math.abs(h.nextGaussian()) * dailySigma * close;
      long hi = KrxTick.roundDown(Math.max(1, Math.round(close + range * h.nextDouble())));
      long lo = KrxTick.roundDown(Math.max(1, Math.round(close - range * h.nextDouble())));
      long op = KrxTick.roundDown(Math.max(1, Math.round(lo + (hi - lo) * h.nextDouble())));
      Bar b = new Bar(d.toString().replace("-", ""), op);
      b.close = c;
      b.high = Math.max(Math.max(hi, c), op);
      b.low = Math.min(Math.min(lo, c), op);
      b.volume = (long) (spec.floatingShares() * 0.002 * Math.exp(0.4 * h.nextGaussian()));
      b.value = b.volume * c;
      history.add(b);
      bias = 0.8 * bias + 0.6 * h.nextGaussian();
      Flows f = new Flows(d);
      f.close = c;
      long foreignNet = (long) (b.volume * 0.05 * bias);
      long instNet = (long) (b.volume * 0.03 * h.nextGaussian());
      long[] net = {-foreignNet - instNet, foreignNet, instNet};
      for (int k = 0; k < 3; k++) {
        long gross = b.volume / 3;
        f.buyQty[k] = gross + Math.max(0, net[k]);
        f.sellQty[k] = gross + Math.max(0, -net[k]);
        f.buyAmt[k] = f.buyQty[k] * c;
        f.sellAmt[k] = f.sellQty[k] * c;
      }
      flowHistory.add(f);
      double ret = dailySigma * h.nextGaussian() + 0.002 * bias;
      close = close / Math.exp(ret);
      d = d.minusDays(1);
    }
    for (int i = 0; i < history.size() - 1; i++) {
      flowHistory.get(i).prdyVrss = history.get(i).close - history.get(i + 1).close;
    }
  }
}
