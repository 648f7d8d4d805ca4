package kis.actors.agent;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import kis.journal.Symbol;

/**
 * What a strategy host knows about the engine around it besides market data: the account's kill
 * switch, whether the KIS connection is live, and each symbol's base price (기준가) from KIS. Held
 * outside the host's restartable part so a strategy failure does not make the host forget them.
 * Touched only from the host actor.
 *
 * <p>A host that is never {@link #fed} (tests, offline runs) assumes a live connection and takes
 * the day's first trade as base price; a fed host holds placements until the latch, the
 * connection and the account's limits are known and uses only KIS base prices.
 */
final class EngineFacts {
  /** A base price and the trading day it is for. */
  record Base(LocalDate tradingDay, long price) {}

  boolean fed;
  /** Null until the kill switch has spoken. */
  Boolean killSwitch;
  /** Null until the supervisor has spoken. */
  Boolean live;
  String connection = "unknown";
  /** Why the data dir's disk stops new orders; empty while there is room. */
  String diskLow = "";
  final Map<Symbol, Base> base = new HashMap<>();
  /** The account's limits and where to report this agent's figures; null: no account limits. */
  kis.actors.risk.AccountLink account;
  /** The other agents' figures as the account last told them. */
  kis.actors.risk.AccountFigures accountFigures = kis.actors.risk.AccountFigures.EMPTY;
  /** What was last reported, so an unchanged agent does not report again. */
  kis.actors.risk.AgentFigures reported;
  /** The agent's venue and its day, for the strategy's phases; null until the runner said. */
  StrategyHost.UsePhases phases;
  /** A reservation was granted and the report that settles it is not sent yet. */
  boolean reservationHeld;
  /** The agent's {@code protective.stop-limit = native}: lone stop-limits rest at KIS where they can. */
  boolean nativeStopLimits;

  boolean killSwitchEngaged() {
    return Boolean.TRUE.equals(killSwitch);
  }

  boolean connectionLive() {
    return !fed || Boolean.TRUE.equals(live);
  }

  /** Why placements must wait (a fed host that has not heard everything yet), if they must. */
  Optional<String> notKnownYet() {
    if (!fed) {
      return Optional.empty();
    }
    if (killSwitch == null) {
      return Optional.of("the kill switch state is not known yet");
    }
    if (live == null) {
      return Optional.of("the KIS connection state is not known yet");
    }
    // The engine always links every host to the account's keeper; before the link a placement
    // could not be checked against the account's limits, so it waits rather than slip past them.
    if (account == null) {
      return Optional.of("the account's limits are not known yet");
    }
    return Optional.empty();
  }

  /** The KIS base price of {@code symbol} for {@code day}, if fetched. */
  Optional<Long> baseFor(Symbol symbol, LocalDate day) {
    Base b = base.get(symbol);
    return b != null && b.tradingDay().equals(day) ? Optional.of(b.price()) : Optional.empty();
  }
}
