package kis.sim;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import kis.journal.KrxTick;
import kis.journal.Symbol;
import kis.journal.calendar.MarketPhase;

/**
 * Keeps each NXT book's crowd on KRX's, as arbitrage does on the real market: a stock trading on
 * both venues cannot drift apart, so while KRX prints continuously the NXT crowd's value is KRX's
 * plus a spread of a few ticks that wanders and reverts to zero (an Ornstein-Uhlenbeck process in
 * KRX ticks, half-life about {@value #REVERSION_SECONDS} × ln 2 simulated seconds, one tick of
 * standard deviation, never beyond {@value #MAX_TICKS} ticks). The NXT book's own model then prints
 * around that value without moving it, so NXT's prints keep their rate, sizes and bid-ask bounce
 * and stay within the bound (plus the bounce) of KRX's value.
 *
 * <p>When KRX does not print (NXT's pre-market, a KRX call auction or VI, NXT's after-market) the
 * NXT crowd walks on by its own model, from KRX's last price: when KRX stops, NXT's value is set to
 * it once. When KRX prints again the spread starts at NXT's distance from it, cut to the bound: a
 * jump of NXT's price when it has wandered further (at 09:00 it falls in NXT's 08:50-09:00 halt;
 * from 2026-09-14 KRX's after-market also rejoins at 16:00, after half an hour of NXT alone).
 *
 * <p>Each stock's spread has its own {@link Random}, seeded by the simulator's seed and the stock,
 * so a seed gives one path whatever the other stocks do.
 */
final class NxtArbitrage {
  /** The spread's mean-reversion time constant, in simulated seconds. */
  static final double REVERSION_SECONDS = 30;
  /** The spread's stationary standard deviation, in KRX ticks. */
  static final double SPREAD_TICKS = 1.0;
  /** The spread never exceeds this many ticks: arbitrageurs close anything wider at once. */
  static final double MAX_TICKS = 2.0;

  /** One stock's spread. */
  private static final class Spread {
    final Random rnd;
    double ticks;
    /** Whether the last NXT step followed KRX (false before the first and after KRX stopped). */
    boolean following;
    /** NXT's phase at its last step: a new session (pre- or after-market) starts from KRX's last price. */
    MarketPhase phase;

    Spread(Random rnd) {
      this.rnd = rnd;
    }
  }

  private final long seed;
  private final Map<Symbol, Spread> spreads = new HashMap<>();

  NxtArbitrage(long seed) {
    this.seed = seed;
  }

  /**
   * Sets {@code nxt}'s crowd value for the NXT step of {@code dtSeconds} simulated seconds that is
   * about to print: KRX's value plus the spread while {@code krxPrinting}, else its own walk,
   * restarted from KRX's last price when KRX stops printing and when NXT opens a session of its own
   * ({@code nxtPhase} differs from the last step's: its pre-market, or its after-market after a KRX
   * VI that ran into the close).
   *
   * @return whether the value was steered (the step must then not move it), false when NXT walks on its own
   */
  boolean steer(Instrument krx, Instrument nxt, boolean krxPrinting, MarketPhase nxtPhase, double dtSeconds) {
    Spread s = spreads.computeIfAbsent(krx.spec.symbol(), sym -> new Spread(
        new Random(seed * 0x2545F4914F6CDD1DL + sym.code().hashCode() * 1_000_003L + 0x4E5854L)));
    boolean newSession = s.phase != null && s.phase != nxtPhase;
    s.phase = nxtPhase;
    if (!krxPrinting) {
      if (s.following || newSession) {
        nxt.fair = clampToBand(nxt, krx.last);
        s.following = false;
      }
      return false;
    }
    double tick = KrxTick.tickSize(Math.max(1, (long) krx.fair));
    if (!s.following) {
      s.ticks = bound((nxt.fair - krx.fair) / tick);
      s.following = true;
    }
    double keep = Math.exp(-Math.max(0, dtSeconds) / REVERSION_SECONDS);
    s.ticks = bound(s.ticks * keep + SPREAD_TICKS * Math.sqrt(1 - keep * keep) * s.rnd.nextGaussian());
    nxt.fair = clampToBand(nxt, krx.fair + s.ticks * tick);
    return true;
  }

  private static double bound(double ticks) {
    return Math.max(-MAX_TICKS, Math.min(MAX_TICKS, ticks));
  }

  private static double clampToBand(Instrument book, double value) {
    return Math.max(book.limits.lower(), Math.min(book.limits.upper(), value));
  }
}
