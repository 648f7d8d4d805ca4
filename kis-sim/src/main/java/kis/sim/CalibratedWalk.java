package kis.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import kis.journal.KrxTick;

/**
 * The {@link PriceModel#CALIBRATED} crowd of one book. The crowd's value ({@link Instrument#fair})
 * is a driftless random walk in log price whose variance over a step is the day's variance times
 * the step's share of the day ({@link IntradayProfile.Step}), so a day's log return has the
 * stock's daily volatility however the day is cut into steps. Prints arrive as a Poisson stream at
 * the stock's rate times the intraday profile; the step's move is spread over them (each print
 * after its share), a buyer-initiated print at the value rounded up to the tick grid (the ask), a
 * seller-initiated one rounded down (the bid), inside the day's band.
 *
 * <p>Unlike the tick walk, a print does not reset the value: rounding to the grid and the side of
 * each print then add a bid-ask bounce, not a drift. Prints from outside (an order sweeping the
 * synthetic book, {@code POST /sim/trade}) move the last price but not the crowd's value.
 */
final class CalibratedWalk {
  /**
   * The most prints one generator tick sends: a websocket frame counts its records in three digits,
   * and a long tick (a high time compression) would otherwise send thousands. Past it, the tick's
   * volume is carried by that many larger prints.
   */
  static final int MAX_PRINTS = 100;

  private final InstrumentSpec spec;
  private final Random rnd;

  CalibratedWalk(InstrumentSpec spec, Random rnd) {
    this.spec = spec;
    this.rnd = rnd;
  }

  /** Moves {@code inst}'s value over {@code step} and returns the prints of that stretch of time. */
  List<Instrument.Print> step(Instrument inst, IntradayProfile.Step step) {
    return step(inst, step, true);
  }

  /**
   * {@link #step(Instrument, IntradayProfile.Step)}; with {@code moveValue} false the value stays
   * where it was set (a book whose value another book's steers, {@link NxtArbitrage}) and only the
   * prints around it come, at the same rate.
   */
  List<Instrument.Print> step(Instrument inst, IntradayProfile.Step step, boolean moveValue) {
    // The investor-flow bias persists as in the tick walk; here it only tilts who initiates a print.
    inst.foreignBias = Math.max(-1, Math.min(1, 0.995 * inst.foreignBias + 0.05 * rnd.nextGaussian()));
    if (step.effectiveSeconds() <= 0) {
      return List.of();
    }
    double sigma = spec.dailyVolatility() * Math.sqrt(step.varianceShare());
    int arrivals = poisson(spec.printsPerMinute() / 60 * step.effectiveSeconds());
    int n = Math.min(arrivals, MAX_PRINTS);
    double sizeScale = n == 0 ? 1 : (double) arrivals / n;
    int moves = Math.max(1, n);
    double each = sigma / Math.sqrt(moves);
    List<Instrument.Print> prints = new ArrayList<>(n);
    for (int i = 0; i < moves; i++) {
      double v = moveValue ? inst.fair * Math.exp(each * rnd.nextGaussian()) : inst.fair;
      inst.fair = Math.max(inst.limits.lower(), Math.min(inst.limits.upper(), v));
      if (i < n) {
        boolean buy = rnd.nextDouble() < 0.5 + 0.1 * inst.foreignBias;
        long px = buy ? KrxTick.roundUp((long) Math.ceil(inst.fair)) : KrxTick.roundDown(Math.max(1, (long) inst.fair));
        px = Math.max(inst.limits.lower(), Math.min(inst.limits.upper(), px));
        prints.add(new Instrument.Print(px, Math.max(1, Math.round(size() * sizeScale)), buy));
      }
    }
    return prints;
  }

  /** Exponential sizes with the tick walk's mean (a ten-millionth of the listed shares). */
  private long size() {
    double mean = Math.max(1, spec.floatingShares() * 1e-7);
    return 1 + (long) (-mean * Math.log(1 - rnd.nextDouble()));
  }

  /** A Poisson draw: exact for small means, the normal approximation for large ones (a long step). */
  private int poisson(double mean) {
    if (mean > 50) {
      return (int) Math.max(0, Math.round(mean + Math.sqrt(mean) * rnd.nextGaussian()));
    }
    double limit = Math.exp(-mean);
    double p = rnd.nextDouble();
    int k = 0;
    while (p > limit) {
      p *= rnd.nextDouble();
      k++;
    }
    return k;
  }
}
