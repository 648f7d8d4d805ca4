package kis.actors.reconcile;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import kis.adapter.account.AccountOrder;
import kis.journal.event.AgentEvent;

/**
 * What one reconciliation found.
 *
 * @param corrections per agent id, the events to journal, in order
 * @param externalOrders today's orders no agent owns (placed by hand, or by another program)
 * @param drifts symbols whose account quantity differs from the agents' total
 * @param notes things seen that need no event (yet): an in-doubt order still within its grace
 *     period, KIS reporting fewer fills than the journal (the inquiry lags), and the like
 * @param pendingDrifts differences not (yet) drift: within their grace ({@link AccountWitness}),
 *     explained by fills in flight during the run, or on a symbol no agent trades
 * @param unowned today's orders no agent owns on a symbol an agent trades, by symbol: unlike the
 *     other external orders (the user's own trading) these are alarms
 * @param cashDrift cash the journals do not explain, past its grace ({@link CashWitness}): an alarm
 * @param pendingCash such a difference still within its grace
 * @param accountCash the account's cash figures as this run read them ({@code UNKNOWN} when not read):
 *     what the dashboard's account panel shows
 */
public record ReconcileReport(Map<String, List<Correction>> corrections, List<AccountOrder> externalOrders,
    List<PositionDrift> drifts, List<String> notes, List<PositionDrift> pendingDrifts, List<UnownedOrders> unowned,
    java.util.Optional<CashDrift> cashDrift, java.util.Optional<CashDrift> pendingCash,
    kis.adapter.account.AccountCash accountCash) {

  public ReconcileReport {
    corrections = Map.copyOf(corrections);
    externalOrders = List.copyOf(externalOrders);
    drifts = List.copyOf(drifts);
    notes = List.copyOf(notes);
    pendingDrifts = List.copyOf(pendingDrifts);
    unowned = List.copyOf(unowned);
    cashDrift = cashDrift == null ? java.util.Optional.empty() : cashDrift;
    pendingCash = pendingCash == null ? java.util.Optional.empty() : pendingCash;
    accountCash = accountCash == null ? kis.adapter.account.AccountCash.UNKNOWN : accountCash;
  }

  /** This report with the account's cash figures as the run read them. */
  public ReconcileReport withAccountCash(kis.adapter.account.AccountCash read) {
    return new ReconcileReport(corrections, externalOrders, drifts, notes, pendingDrifts, unowned, cashDrift,
        pendingCash, read);
  }

  /** A report without a cash verdict. */
  public ReconcileReport(Map<String, List<Correction>> corrections, List<AccountOrder> externalOrders,
      List<PositionDrift> drifts, List<String> notes, List<PositionDrift> pendingDrifts, List<UnownedOrders> unowned) {
    this(corrections, externalOrders, drifts, notes, pendingDrifts, unowned, java.util.Optional.empty(),
        java.util.Optional.empty(), null);
  }

  /** The reconciler's raw comparison, before the {@link AccountWitness} has judged it. */
  public ReconcileReport(Map<String, List<Correction>> corrections, List<AccountOrder> externalOrders,
      List<PositionDrift> drifts, List<String> notes) {
    this(corrections, externalOrders, drifts, notes, List.of(), List.of());
  }

  /** This report with the witness's verdict: confirmed drift, drift still in its grace, unowned orders. */
  public ReconcileReport judged(List<PositionDrift> confirmed, List<PositionDrift> pending, List<UnownedOrders> found,
      List<String> moreNotes) {
    List<String> n = new java.util.ArrayList<>(notes);
    n.addAll(moreNotes);
    return new ReconcileReport(corrections, externalOrders, confirmed, n, pending, found, cashDrift, pendingCash,
        accountCash);
  }

  /** This report with the cash witness's verdict ({@link CashWitness}) and its notes. */
  public ReconcileReport withCash(CashWitness.Verdict cash) {
    List<String> n = new java.util.ArrayList<>(notes);
    n.addAll(cash.notes());
    return new ReconcileReport(corrections, externalOrders, drifts, n, pendingDrifts, unowned, cash.confirmed(),
        cash.pending(), accountCash);
  }

  /**
   * What an operator must look at, one line each: confirmed drift, unowned orders on traded
   * symbols and confirmed cash drift (its line begins {@value CashDrift#PREFIX}). Empty on a healthy
   * run, however busy; the dashboard alerts on these.
   */
  public List<String> alarms() {
    List<String> out = new java.util.ArrayList<>();
    drifts.forEach(d -> out.add(d.describe()));
    unowned.forEach(u -> out.add(u.describe()));
    cashDrift.ifPresent(c -> out.add(c.describe()));
    return out;
  }

  /** The events {@code agentId} should persist (atomically, in this order). */
  public List<AgentEvent> eventsFor(String agentId) {
    return corrections.getOrDefault(agentId, List.of()).stream().map(Correction::event)
        .collect(Collectors.toList());
  }

  public boolean hasCorrections() {
    return corrections.values().stream().anyMatch(l -> !l.isEmpty());
  }

  /**
   * Nothing to journal, no drift, no unowned order on a traded symbol and no cash drift: the books
   * agree with the account.
   */
  public boolean isClean() {
    return !hasCorrections() && drifts.isEmpty() && unowned.isEmpty() && cashDrift.isEmpty();
  }

  /** One line for the log: what was corrected, adopted and flagged. */
  public String summary() {
    long n = corrections.values().stream().mapToLong(List::size).sum();
    return "reconciliation: " + n + " correction(s) for " + corrections.size() + " agent(s), "
        + externalOrders.size() + " external order(s) (" + unowned.stream().mapToInt(u -> u.orders().size()).sum()
        + " on traded symbols), " + drifts.size() + " drifting symbol(s), " + pendingDrifts.size()
        + " difference(s) within grace, " + cashDrift.map(c -> "cash drift " + c.difference() + " won, ")
            .or(() -> pendingCash.map(c -> "cash difference " + c.difference() + " won within grace, "))
            .orElse("") + notes.size() + " note(s)";
  }
}
