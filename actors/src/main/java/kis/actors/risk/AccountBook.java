package kis.actors.risk;

import kis.journal.risk.RiskDecision;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The account keeper's state: every agent's last {@link AgentFigures} and what each has reserved
 * and not yet placed. Pure; the one actor that keeps it ({@code HostSignals}) answers every
 * reservation in turn, so a check and its reservation are one step and agents racing for the
 * account's last order or last won of exposure get exactly what is left, never one order each.
 *
 * <p>An agent holds at most one reservation: its host asks for one intent at a time, and the
 * agent's next report or request carries figures that already show the reserved order (or, if the
 * agent refused or denied it, do not), so it settles the reservation. From then on the figures
 * carry the order: its count for the day, and its working buy in the exposure until a fill turns it
 * into a held position or a cancel, rejection or expiry removes it. A reservation whose agent never
 * reports again (its node died between the grant and the order) lapses after {@link #HOLD}.
 *
 * @param reserved by agent (journal id)
 */
public record AccountBook(AccountFigures figures, Map<String, Reservation> reserved) {
  public static final AccountBook EMPTY = new AccountBook(AccountFigures.EMPTY, Map.of());
  /** How long a reservation is held without its agent's report: longer than a host waits for its agent. */
  public static final Duration HOLD = Duration.ofSeconds(30);

  /** A claim held for one agent since {@code at}. */
  public record Reservation(Claim claim, Instant at) {}

  /** The book after a reservation request, and the denial if it was refused. */
  public record Reserved(AccountBook book, Optional<RiskDecision> denial) {}

  public AccountBook {
    reserved = Map.copyOf(reserved);
  }

  /** {@code agent} reported {@code now}: its figures replace the last ones and settle its reservation. */
  public AccountBook reported(String agent, AgentFigures now) {
    Map<String, Reservation> r = new HashMap<>(reserved);
    r.remove(agent);
    return new AccountBook(figures.with(agent, now), r);
  }

  /**
   * Check {@code claim} of {@code agent}, whose figures are {@code mine} at {@code now}, against
   * {@code limits}: the other agents' figures plus their reservations plus {@code mine}. Granted,
   * the claim is held for {@code agent}; either way {@code mine} replaces its last report.
   */
  public Reserved reserve(AccountLimits limits, String agent, AgentFigures mine, Claim claim, Instant now) {
    AccountBook b = reported(agent, mine).withoutLapsed(now);
    AccountFigures.Totals others = b.figures.totals(mine.day(), agent);
    for (Reservation x : b.reserved.values()) {
      others = others.plus(x.claim());
    }
    Optional<RiskDecision> denial = limits.check(claim, others, mine);
    if (denial.isPresent()) {
      return new Reserved(b, denial);
    }
    Map<String, Reservation> r = new HashMap<>(b.reserved);
    r.put(agent, new Reservation(claim, now));
    return new Reserved(new AccountBook(b.figures, r), Optional.empty());
  }

  /** Every agent's figures plus what is reserved: what the account has used on {@code day}. */
  public AccountFigures.Totals totals(LocalDate day) {
    AccountFigures.Totals t = figures.totals(day, null);
    for (Reservation x : reserved.values()) {
      t = t.plus(x.claim());
    }
    return t;
  }

  private AccountBook withoutLapsed(Instant now) {
    Map<String, Reservation> r = new HashMap<>(reserved);
    r.values().removeIf(x -> !x.at().plus(HOLD).isAfter(now));
    return r.size() == reserved.size() ? this : new AccountBook(figures, r);
  }
}
