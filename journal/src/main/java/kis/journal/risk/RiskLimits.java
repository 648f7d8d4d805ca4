package kis.journal.risk;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;

/**
 * The risk guard's limits, per agent. Money in won, counts per trading day. Built from HOCON by
 * {@link #fromConfig}; every value is validated so a typo stops the engine at start with the
 * offending key named, rather than trading without a limit.
 *
 * @param paper whether the account is a KIS paper (모의투자) account: stocks under
 *     {@value #PAPER_MIN_PRICE} won cannot be traded there
 * @param maxOrderNotional the most one order may commit (quantity × limit price; a market buy
 *     counts at the upper price limit, as KIS reserves it)
 * @param maxSymbolPosition the most one symbol's position plus working buys may be worth, in WON
 *     (an agent's own {@code max-position} counts shares instead: {@link AgentLimits})
 * @param maxTotalPosition the most all positions plus working buys may be worth together
 * @param maxDailyLoss the loss (realized + unrealized, after costs, since the day's start) at
 *     which exposure-increasing orders stop
 * @param maxOrdersPerDay new orders per trading day
 * @param maxCancelsPerDay cancels and revises per trading day
 * @param duplicateWindow an identical order (symbol, side, type, quantity, price) within this
 *     window is refused as a likely strategy loop
 * @param maxOrdersPerWindow with {@code rateWindow}: at most this many new orders in any window
 * @param rateWindow the window of the order-rate limit
 * @param denialRepeatWindow not a limit but how refusals are journaled: a denial of the same
 *     symbol, side and reason as one journaled less than this long ago is refused to the strategy
 *     as always but not journaled one by one; one {@code OrderDenied} with their count closes the
 *     run ({@code OrderDenied.repeats}). Zero journals every denial.
 */
public record RiskLimits(
    boolean paper,
    long maxOrderNotional,
    long maxSymbolPosition,
    long maxTotalPosition,
    long maxDailyLoss,
    int maxOrdersPerDay,
    int maxCancelsPerDay,
    Duration duplicateWindow,
    int maxOrdersPerWindow,
    Duration rateWindow,
    Duration denialRepeatWindow) {

  /** KIS paper accounts refuse stocks priced under 1,000 won (shared/kis-api.md §6.4). */
  public static final long PAPER_MIN_PRICE = 1_000;

  /** The defaults {@link #fromConfig} falls back to, key by key. */
  public static final String DEFAULTS = String.join("\n",
      "paper = false",
      "max-order-notional = 10000000",
      "max-symbol-position = 30000000",
      "max-total-position = 100000000",
      "max-daily-loss = 1000000",
      "max-orders-per-day = 500",
      "max-cancels-per-day = 500",
      "duplicate-window = 3s",
      "order-rate { max-orders = 5, per = 1s }",
      "denial-repeat-window = 1s");

  public RiskLimits {
    positive("max-order-notional", maxOrderNotional);
    positive("max-symbol-position", maxSymbolPosition);
    positive("max-total-position", maxTotalPosition);
    positive("max-daily-loss", maxDailyLoss);
    positive("max-orders-per-day", maxOrdersPerDay);
    positive("max-cancels-per-day", maxCancelsPerDay);
    positive("order-rate.max-orders", maxOrdersPerWindow);
    if (maxOrdersPerWindow > DayCounters.RECENT_KEPT) {
      throw new ConfigException.BadValue("order-rate.max-orders",
          "at most " + DayCounters.RECENT_KEPT + " orders per window can be tracked, got " + maxOrdersPerWindow);
    }
    if (maxSymbolPosition > maxTotalPosition) {
      throw new ConfigException.BadValue("max-symbol-position",
          "must not exceed max-total-position (" + maxTotalPosition + "), got " + maxSymbolPosition);
    }
    positive("duplicate-window", duplicateWindow);
    positive("order-rate.per", rateWindow);
    if (denialRepeatWindow == null || denialRepeatWindow.isNegative()) {
      throw new ConfigException.BadValue("denial-repeat-window",
          "must be zero (journal every denial) or a positive duration, got " + denialRepeatWindow);
    }
  }

  /** Where the engine's configuration keeps the risk block. */
  public static final String CONFIG_PATH = "kis-trader.risk";

  /** Limits from the engine's whole configuration: its {@value #CONFIG_PATH} block if any, else the defaults. */
  public static RiskLimits fromAppConfig(Config root) {
    return fromConfig(root.hasPath(CONFIG_PATH) ? root.getConfig(CONFIG_PATH) : ConfigFactory.empty());
  }

  public static RiskLimits defaults() {
    return fromConfig(ConfigFactory.empty());
  }

  /**
   * Limits from a risk block (for example {@code config.getConfig("kis-trader.risk")}), missing keys
   * from {@link #DEFAULTS}.
   *
   * @throws ConfigException naming the key of a missing, mistyped or out-of-range value
   */
  public static RiskLimits fromConfig(Config block) {
    Config c = block.withFallback(ConfigFactory.parseString(DEFAULTS)).resolve();
    return new RiskLimits(c.getBoolean("paper"), won(c, "max-order-notional"), won(c, "max-symbol-position"),
        won(c, "max-total-position"), won(c, "max-daily-loss"), c.getInt("max-orders-per-day"),
        c.getInt("max-cancels-per-day"), c.getDuration("duplicate-window"), c.getInt("order-rate.max-orders"),
        c.getDuration("order-rate.per"), c.getDuration("denial-repeat-window"));
  }

  /** The same limits for a paper or a real account. */
  public RiskLimits withPaper(boolean isPaper) {
    return new RiskLimits(isPaper, maxOrderNotional, maxSymbolPosition, maxTotalPosition, maxDailyLoss,
        maxOrdersPerDay, maxCancelsPerDay, duplicateWindow, maxOrdersPerWindow, rateWindow, denialRepeatWindow);
  }

  private static long won(Config c, String path) {
    // getLong accepts "1e7" style only as a number; underscores and commas are rejected with the key named.
    return c.getLong(path);
  }

  private static void positive(String key, long value) {
    if (value <= 0) {
      throw new ConfigException.BadValue(key, "must be positive, got " + value);
    }
  }

  private static void positive(String key, Duration value) {
    if (value == null || value.isNegative() || value.isZero()) {
      throw new ConfigException.BadValue(key, "must be a positive duration, got " + value);
    }
  }
}
