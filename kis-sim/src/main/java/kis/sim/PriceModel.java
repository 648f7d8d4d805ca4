package kis.sim;

/** How the simulator's crowd prints when nobody pushes prices by hand ({@code kis-sim.price-model}). */
public enum PriceModel {
  /**
   * The tick walk tests are written against: 1–3 prints per generator tick, each moving the price
   * about one tick, so prints reach a resting order within seconds. Over minutes it wanders far
   * more than a stock does (a fast, not a believable market).
   */
  TICK_WALK,
  /**
   * Calibrated to KRX stocks ({@link CalibratedWalk}): a seeded random walk whose day carries the
   * stock's daily volatility whatever the time compression, spread over the session by a U-shaped
   * intraday profile (busy at the open and the close, quiet at lunch), with prints arriving at the
   * stock's liquidity class's rate, on the tick grid and inside the day's ±30 % band.
   */
  CALIBRATED
}
