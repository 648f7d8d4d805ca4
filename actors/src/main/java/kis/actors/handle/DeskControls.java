package kis.actors.handle;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import kis.actors.agent.AgentConfig;
import kis.actors.live.AccountDesk;
import kis.actors.live.AgentRunner;
import kis.actors.live.HostSignals;
import kis.actors.manager.FreshStartRule;
import kis.actors.risk.KillSwitchState;
import kis.journal.AgentId;
import kis.journal.Symbol;
import kis.journal.state.AgentState;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.pattern.StatusReply;

/**
 * Every control and the account view of an {@link EngineHandle}, written once for both profiles:
 * the account's controls go to its {@link AccountDesk} (a child of the single node's guardian, or the
 * cluster's singleton through the node's link), an agent's to its {@link AgentRunner} (a child of
 * the single node's {@code LocalAgents}, or the sharded entity), as the same commands. The profiles
 * differ only in how a runner is reached ({@link Runners}) and in how the agents' rows are kept.
 */
public final class DeskControls {

  /** How a profile reaches an agent's runner. */
  public interface Runners {
    /** The configured agents. */
    List<AgentConfig> configured();

    /**
     * Asks configured agent {@code id}'s runner; fails when it cannot be reached in time (on a
     * single node: while it is being restarted).
     */
    <T> CompletionStage<T> ask(AgentId id, Function<ActorRef<T>, AgentRunner.Command> message, Duration timeout);
  }

  private final ActorSystem<?> system;
  private final ActorRef<AccountDesk.Command> desk;
  private final Runners runners;
  /** Told the configured id of every agent a control touched (its books have moved). */
  private final Consumer<AgentId> touched;
  /** A journal id names its agent: the current journal of each agent as last seen. */
  private final Function<AgentId, Optional<AgentId>> byJournal;
  private volatile AccountDesk.DeskStatus lastDesk;

  /**
   * @param byJournal the configured id of the agent whose current journal is the given id, as the
   *     handle last saw it
   * @param touched told after each control, with the agent's configured id
   */
  public DeskControls(ActorSystem<?> system, ActorRef<AccountDesk.Command> desk, Runners runners,
      Function<AgentId, Optional<AgentId>> byJournal, Consumer<AgentId> touched) {
    this.system = system;
    this.desk = desk;
    this.runners = runners;
    this.byJournal = byJournal;
    this.touched = touched;
  }

  /** The configured agent named by {@code id} (its configured id, or its current journal id). */
  public Optional<AgentConfig> config(AgentId id) {
    Optional<AgentConfig> byConfig = runners.configured().stream().filter(a -> a.id().equals(id)).findFirst();
    if (byConfig.isPresent()) {
      return byConfig;
    }
    AccountDesk.DeskStatus d = lastDesk;
    Optional<AgentId> configured = byJournal.apply(id).or(() -> d == null ? Optional.empty()
        : d.journalIds().entrySet().stream().filter(e -> e.getValue().equals(id.value())).findFirst()
            .map(e -> new AgentId(e.getKey())));
    return configured.flatMap(c -> runners.configured().stream().filter(a -> a.id().equals(c)).findFirst());
  }

  /** The runner's answer: books, host pause, idle reason, damage. */
  public CompletionStage<AgentRunner.Status> status(AgentConfig a) {
    return runners.ask(a.id(), AgentRunner.GetStatus::new, Asks.ASK);
  }

  /**
   * The row of {@code a} from its runner's answer; a damaged agent keeps the books of {@code before}.
   * A recovering one keeps {@code before}'s books and the journal they are of (after a fresh start:
   * the old one until the new journal has recovered), shown not running, with why.
   */
  public static AgentView view(AgentConfig a, AgentRunner.Status s, AgentView before) {
    if (s.recovering() && before != null) {
      return new AgentView(a.id(), before.journalId(), a.strategy(), a.symbol(), before.books(), false, s.paused(),
          s.idleReason(), s.damage(), true);
    }
    AgentState books = s.damage().isPresent() && before != null ? before.books() : s.books();
    return new AgentView(a.id(), new AgentId(s.books().agentId()), a.strategy(), a.symbol(), books,
        s.damage().isEmpty() && !s.recovering(), s.paused(), s.idleReason(), s.damage(), s.recovering());
  }

  public CompletionStage<ControlOutcome> pause(AgentId id, boolean on, String by) {
    return toRunner(id, c -> runners.<Done>ask(c.id(), r -> new AgentRunner.Pause(on, r), Asks.ASK)
        .thenApply(d -> ControlOutcome.done(id + (on ? " paused: no new orders; working orders stay" : " unpaused"))));
  }

  public CompletionStage<ControlOutcome> park(AgentId id, String by) {
    return toRunner(id, c -> Asks.outcome(runners.<StatusReply<Done>>ask(c.id(),
        r -> new AgentRunner.Park("parked by " + by, r), Asks.ASK), x -> id + " parked"));
  }

  public CompletionStage<ControlOutcome> resume(AgentId id, String by) {
    return toRunner(id, c -> runners.<Done>ask(c.id(), r -> new AgentRunner.Pause(false, r), Asks.ASK)
        .thenCompose(d -> status(c))
        .thenCompose(s -> s.recovering()
            // Its books (parked or not) are not known until it has recovered: nothing to resume yet.
            ? CompletableFuture.completedFuture(ControlOutcome.refused(id + " is " + s.idleReason()
                + "; resume it once it has recovered"))
            : s.books().parked()
            ? Asks.outcome(runners.<StatusReply<Done>>ask(c.id(), r -> new AgentRunner.Resume(by, r), Asks.ASK),
                x -> id + " resumed")
            : CompletableFuture.completedFuture(ControlOutcome.done(id + " resumed"))));
  }

  public CompletionStage<ControlOutcome> cancelWorking(AgentId id, String by) {
    return toRunner(id, c -> Asks.outcome(runners.<StatusReply<Integer>>ask(c.id(),
        r -> new AgentRunner.CancelWorking(by, r), Asks.ASK), n -> n + " cancel(s) sent"));
  }

  public CompletionStage<ControlOutcome> freshStart(AgentId id, String by, boolean handover) {
    return toRunner(id, c -> status(c).thenCompose(before -> Asks.outcome(runners.<StatusReply<String>>ask(c.id(),
            r -> new AgentRunner.FreshStart(by, handover, r), Asks.ASK.multipliedBy(3)),
        j -> c.id() + " started afresh on journal " + j + " by " + by + "; the old journal "
            + before.books().agentId() + " is kept" + FreshStartRule.handoverNote(before.books(), handover))));
  }

  public CompletionStage<ControlOutcome> killSwitch(boolean engage, String reason, String by) {
    return Asks.outcome(AskPattern.<AccountDesk.Command, StatusReply<KillSwitchState>>ask(desk,
            r -> engage ? new AccountDesk.EngageKillSwitch(reason, by, r) : new AccountDesk.ResetKillSwitch(by, r),
            Asks.ASK, system.scheduler()),
        k -> engage ? "kill switch engaged: working orders cancelled, new orders denied until reset"
            : "kill switch reset: agents may trade again");
  }

  /** Joins the run in progress (a new one if none is): answered within one run, however busy. */
  public CompletionStage<ControlOutcome> reconcileNow(String by) {
    return Asks.outcome(AskPattern.<AccountDesk.Command, StatusReply<String>>ask(desk,
        AccountDesk.RunReconcile::new, Asks.LONG, system.scheduler()), s -> s);
  }

  public CompletionStage<ControlOutcome> acceptCash(String by) {
    return Asks.outcome(AskPattern.<AccountDesk.Command, StatusReply<String>>ask(desk,
        r -> new AccountDesk.AcceptCash(by, r), Asks.ASK, system.scheduler()), s -> s);
  }

  /** Books back the orders no agent owns on the agent's symbols into its current journal. */
  public CompletionStage<ControlOutcome> bookBack(AgentId id, String by) {
    return toRunner(id, c -> status(c).thenCompose(s -> Asks.outcome(AskPattern.<AccountDesk.Command,
        StatusReply<String>>ask(desk, r -> new AccountDesk.BookBack(new AgentId(s.books().agentId()), by, r),
        Asks.LONG, system.scheduler()), x -> x)));
  }

  /** The desk's status asked now (also kept: {@link #lastDesk()}). */
  public CompletionStage<AccountDesk.DeskStatus> desk() {
    return AskPattern.<AccountDesk.Command, AccountDesk.DeskStatus>ask(desk, AccountDesk.GetStatus::new, Asks.ASK,
        system.scheduler()).thenApply(d -> {
          lastDesk = d;
          return d;
        });
  }

  /** The desk's status as last asked, null before. */
  public AccountDesk.DeskStatus lastDesk() {
    return lastDesk;
  }

  /**
   * The account as the desk sees it, with the account's limits and this node's disk.
   *
   * @param isHere whether the desk's node address is this node (always, on a single node)
   */
  public CompletionStage<AccountView> account(Predicate<String> isHere) {
    CompletionStage<Optional<HostSignals.AccountStatus>> limits = AskPattern.<AccountDesk.Command,
        HostSignals.AccountStatus>ask(desk, AccountDesk.GetAccount::new, Asks.ASK, system.scheduler())
        .thenApply(Optional::of).exceptionally(e -> Optional.empty());
    return desk().thenCombine(limits, (d, l) -> {
      Map<Symbol, Long> prices = new java.util.HashMap<>();
      d.lastPrices().forEach((code, p) -> prices.put(Symbol.of(code), p));
      ReconcileView reconcile = new ReconcileView(d.reconcileResult(), Optional.ofNullable(d.reconciledAt()),
          d.drift(), Optional.ofNullable(d.lastReconcileFailureAt()),
          d.lastReconcileFailure().isEmpty() ? Optional.empty() : Optional.of(d.lastReconcileFailure()),
          d.reconcileFailuresInRow(), d.reconcileFailures());
      return new AccountView(new AccountView.ConnectionView(d.connection(), Optional.ofNullable(d.connectionSince()),
          d.connectionCause(), d.reconnects(), d.withoutViNews()), isHere.test(d.node()), reconcile, d.killSwitch(), l,
          prices, Optional.ofNullable(d.lastFrame()), Asks.disk(system), d.accountCash());
    });
  }

  /** Refused when no configured agent has {@code id}; {@link #touched} hears it after the control. */
  private CompletionStage<ControlOutcome> toRunner(AgentId id,
      Function<AgentConfig, CompletionStage<ControlOutcome>> control) {
    Optional<AgentConfig> a = config(id);
    if (a.isEmpty()) {
      return CompletableFuture.completedFuture(ControlOutcome.refused("no agent " + id));
    }
    return control.apply(a.get()).whenComplete((o, e) -> touched.accept(a.get().id()));
  }
}
