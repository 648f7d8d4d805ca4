package kis.actors.handle;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import kis.actors.agent.Agent;
import kis.actors.agent.StrategyHost;
import kis.actors.live.HostSignals;
import kis.actors.live.LiveEngine;
import kis.actors.live.ReconcileOutcomes;
import kis.actors.manager.AgentManager;
import kis.actors.manager.FreshStartRule;
import kis.actors.reconcile.ReconcileReport;
import kis.actors.reconcile.ReconcilerActor;
import kis.actors.risk.KillSwitch;
import kis.actors.risk.KillSwitchState;
import kis.actors.supervisor.KisSupervisor;
import kis.journal.AgentId;
import kis.journal.state.AgentState;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.pattern.StatusReply;

/**
 * {@link EngineHandle} over a single node's {@link LiveEngine}: agents through the agent manager
 * (each agent and its host asked directly), the account through the supervisor, reconciler, kill
 * switch and host signals, reconcile failures from the engine's {@link ReconcileOutcomes}.
 */
public final class LocalEngineHandle implements EngineHandle {
  private final ActorSystem<?> system;
  private final LiveEngine.Handles engine;
  private final java.time.Clock clock;
  /** The last books each journal showed, kept for an agent that is then found damaged. */
  private final Map<AgentId, AgentState> lastBooks = new ConcurrentHashMap<>();
  /** The last view each journal showed, for an agent that does not answer in time. */
  private final Map<AgentId, AgentView> lastViews = new ConcurrentHashMap<>();
  /** When each report was first seen: the time of a report the outcomes have no success for. */
  private volatile ReconcileReport lastReport;
  private volatile java.time.Instant lastReportSeen;

  public LocalEngineHandle(ActorSystem<?> system, LiveEngine.Handles engine, java.time.Clock clock) {
    this.system = system;
    this.engine = engine;
    this.clock = clock;
  }

  @Override
  public CompletionStage<List<AgentView>> agents() {
    return managed().thenCompose(list -> {
      lastBooks.keySet().retainAll(list.stream().map(AgentManager.ManagedAgent::journalId).toList());
      lastViews.keySet().retainAll(list.stream().map(AgentManager.ManagedAgent::journalId).toList());
      List<CompletableFuture<AgentView>> views = new ArrayList<>();
      // An agent that does not answer in time keeps its last view: one slow agent never hides the others.
      list.forEach(a -> views.add(view(a).toCompletableFuture().exceptionally(e -> lastViews.getOrDefault(
          a.journalId(), new AgentView(a.configuredId(), a.journalId(), a.strategy(), a.symbol(),
              lastBooks.getOrDefault(a.journalId(), AgentState.empty(a.journalId().value())), a.running(), false, "",
              a.damage())))));
      return CompletableFuture.allOf(views.toArray(CompletableFuture[]::new))
          .thenApply(x -> views.stream().map(CompletableFuture::join).toList());
    });
  }

  @Override
  public CompletionStage<Optional<AgentView>> books(AgentId id) {
    return find(id).thenCompose(a -> a.isEmpty() ? CompletableFuture.completedFuture(Optional.<AgentView>empty())
        : view(a.get()).thenApply(Optional::of));
  }

  private CompletionStage<List<AgentManager.ManagedAgent>> managed() {
    return AskPattern.ask(engine.manager(), AgentManager.GetAgents::new, Asks.ASK, system.scheduler());
  }

  private CompletionStage<Optional<AgentManager.ManagedAgent>> find(AgentId id) {
    return managed().thenApply(list -> list.stream()
        .filter(a -> a.configuredId().equals(id) || a.journalId().equals(id)).findFirst());
  }

  /** Its books and host status asked now; a stopped or damaged agent shows its last books. */
  private CompletionStage<AgentView> view(AgentManager.ManagedAgent a) {
    AgentState last = lastBooks.getOrDefault(a.journalId(), AgentState.empty(a.journalId().value()));
    if (a.damaged() || a.agent().isEmpty()) {
      return CompletableFuture.completedFuture(new AgentView(a.configuredId(), a.journalId(), a.strategy(),
          a.symbol(), last, false, false, "", a.damage()));
    }
    CompletionStage<Optional<StrategyHost.HostStatus>> host = a.host().isEmpty()
        ? CompletableFuture.completedFuture(Optional.empty())
        : AskPattern.<StrategyHost.Command, StrategyHost.HostStatus>ask(a.host().get(), StrategyHost.GetStatus::new,
            Asks.ASK, system.scheduler()).thenApply(Optional::of).exceptionally(e -> Optional.empty());
    return AskPattern.<Agent.Command, AgentState>ask(a.agent().get(), Agent.GetState::new, Asks.ASK,
            system.scheduler())
        .thenCombine(host, (s, h) -> {
          lastBooks.put(a.journalId(), s);
          AgentView v = new AgentView(a.configuredId(), a.journalId(), a.strategy(), a.symbol(), s, a.running(),
              h.map(StrategyHost.HostStatus::paused).orElse(false), h.map(StrategyHost.HostStatus::idleReason)
                  .orElse(""), Optional.empty());
          lastViews.put(a.journalId(), v);
          return v;
        });
  }

  @Override
  public CompletionStage<ControlOutcome> pause(AgentId id, boolean on, String by) {
    return find(id).thenCompose(a -> a.flatMap(AgentManager.ManagedAgent::host)
        .map(h -> hostPause(h, on).thenApply(d -> ControlOutcome.done(id + (on
            ? " paused: no new orders; working orders stay" : " unpaused"))))
        .orElse(CompletableFuture.completedFuture(ControlOutcome.refused("no running agent " + id))));
  }

  private CompletionStage<Done> hostPause(ActorRef<StrategyHost.Command> host, boolean on) {
    return AskPattern.ask(host, r -> new StrategyHost.Pause(on, r), Asks.ASK, system.scheduler());
  }

  @Override
  public CompletionStage<ControlOutcome> park(AgentId id, String by) {
    return toManager(id, (c, r) -> new AgentManager.ParkAgent(c, "parked by " + by, r), "parked");
  }

  @Override
  public CompletionStage<ControlOutcome> resume(AgentId id, String by) {
    return find(id).thenCompose(a -> {
      if (a.isEmpty() || a.get().host().isEmpty() || a.get().agent().isEmpty()) {
        return CompletableFuture.completedFuture(ControlOutcome.refused("no running agent " + id));
      }
      return hostPause(a.get().host().get(), false)
          .thenCompose(d -> AskPattern.<Agent.Command, AgentState>ask(a.get().agent().get(), Agent.GetState::new,
              Asks.ASK, system.scheduler()))
          .thenCompose(s -> s.parked() ? toManager(id, (c, r) -> new AgentManager.ResumeAgent(c, by, r), "resumed")
              : CompletableFuture.completedFuture(ControlOutcome.done(id + " resumed")));
    });
  }

  @Override
  public CompletionStage<ControlOutcome> cancelWorking(AgentId id, String by) {
    return find(id).thenCompose(a -> a.flatMap(AgentManager.ManagedAgent::agent)
        .map(ref -> Asks.outcome(AskPattern.<Agent.Command, StatusReply<Integer>>ask(ref,
            r -> new Agent.CancelAllWorking("cancel by " + by, r), Asks.ASK, system.scheduler()),
            n -> n + " cancel(s) sent"))
        .orElse(CompletableFuture.completedFuture(ControlOutcome.refused("no running agent " + id))));
  }

  @Override
  public CompletionStage<ControlOutcome> freshStart(AgentId id, String by, boolean handover) {
    return find(id).thenCompose(a -> {
      if (a.isEmpty()) {
        return CompletableFuture.completedFuture(ControlOutcome.refused("no agent " + id));
      }
      AgentId configured = a.get().configuredId();
      AgentId old = a.get().journalId();
      // The books the rule is checked against, for the handover note; the manager checks them again.
      return view(a.get()).thenCompose(v -> Asks.outcome(AskPattern.<AgentManager.Command, StatusReply<AgentId>>ask(engine.manager(),
              r -> new AgentManager.FreshStart(configured, handover, by, r), Asks.ASK.multipliedBy(3),
              system.scheduler()),
          j -> configured + " started afresh on journal " + j + " by " + by + "; the old journal " + old
              + " is kept" + FreshStartRule.handoverNote(v.books(), handover)));
    });
  }

  @Override
  public CompletionStage<ControlOutcome> killSwitch(boolean engage, String reason, String by) {
    return Asks.outcome(AskPattern.<KillSwitch.Command, StatusReply<KillSwitchState>>ask(engine.killSwitch(),
            r -> engage ? new KillSwitch.Engage(reason, by, r) : new KillSwitch.Reset(by, r), Asks.ASK,
            system.scheduler()),
        k -> engage ? "kill switch engaged: working orders cancelled, new orders denied until reset"
            : "kill switch reset: agents may trade again");
  }

  @Override
  public CompletionStage<ControlOutcome> reconcileNow(String by) {
    // Joins the run in progress (a new one if none is): answered within one run, however busy.
    return Asks.outcome(AskPattern.<ReconcilerActor.Command, StatusReply<ReconcileReport>>ask(engine.reconciler(),
            ReconcilerActor.JoinRun::new, Asks.LONG, system.scheduler()),
        r -> {
          seen(r);
          return "reconciled: " + r.drifts().size() + " drift(s), " + r.unowned().size()
              + " symbol(s) with orders no agent owns"
              + r.cashDrift().map(d -> ", " + d.describe()).orElse(", no cash drift");
        });
  }

  @Override
  public CompletionStage<ControlOutcome> acceptCash(String by) {
    return Asks.outcome(AskPattern.<ReconcilerActor.Command, StatusReply<String>>ask(engine.reconciler(),
        r -> new ReconcilerActor.AcceptCash(by, r), Asks.ASK, system.scheduler()), s -> s);
  }

  @Override
  public CompletionStage<ControlOutcome> bookBack(AgentId id, String by) {
    return find(id).thenCompose(a -> a.isEmpty()
        ? CompletableFuture.completedFuture(ControlOutcome.refused("no agent " + id))
        : Asks.outcome(AskPattern.<ReconcilerActor.Command, StatusReply<String>>ask(engine.reconciler(),
            r -> new ReconcilerActor.BookBackOrders(a.get().journalId(), by, Optional.empty(), r), Asks.LONG,
            system.scheduler()), s -> s));
  }

  @Override
  public CompletionStage<AccountView> account() {
    CompletionStage<KisSupervisor.Status> conn = AskPattern.ask(engine.supervisor(), KisSupervisor.GetStatus::new,
        Asks.ASK, system.scheduler());
    CompletionStage<Optional<ReconcileReport>> report = AskPattern.ask(engine.reconciler(),
        ReconcilerActor.GetLastReport::new, Asks.ASK, system.scheduler());
    CompletionStage<KillSwitchState> kill = AskPattern.ask(engine.killSwitch(), KillSwitch.Get::new, Asks.ASK,
        system.scheduler());
    CompletionStage<Optional<HostSignals.AccountStatus>> limits = AskPattern.<HostSignals.Command,
        HostSignals.AccountStatus>ask(engine.signals(), HostSignals.GetAccount::new, Asks.ASK, system.scheduler())
        .thenApply(Optional::of).exceptionally(e -> Optional.empty());
    return conn.thenCombine(report, (c, r) -> {
      r.ifPresent(this::seen);
      return c;
    }).thenCombine(kill, (c, k) -> new Object[] {c, k}).thenCombine(limits, (ck, l) -> {
      KisSupervisor.Status c = (KisSupervisor.Status) ck[0];
      Map<String, Long> reconnects = new java.util.TreeMap<>();
      c.reconnects().forEach((level, n) -> reconnects.put(level.name(), n));
      return new AccountView(new AccountView.ConnectionView(c.state().name(), Optional.ofNullable(c.since()),
          c.text(), reconnects), true, reconcile(), (KillSwitchState) ck[1], l, Map.of(), c.lastFrame(),
          Asks.disk(system));
    });
  }

  private synchronized void seen(ReconcileReport r) {
    if (r != lastReport) {
      lastReport = r;
      lastReportSeen = clock.instant(); // replaced by the outcomes' own time once they have one
    }
  }

  private ReconcileView reconcile() {
    ReconcileOutcomes.Snapshot o = engine.reconcileOutcomes().snapshot();
    ReconcileReport r = lastReport;
    Optional<java.time.Instant> at = o.lastSuccess().or(() -> Optional.ofNullable(r == null ? null : lastReportSeen));
    return new ReconcileView(r == null ? "NEVER" : ReconcileView.resultOf(r), r == null ? Optional.empty() : at,
        r == null ? List.of() : r.alarms(), o.lastFailure().map(ReconcileOutcomes.Failure::at),
        o.lastFailure().map(ReconcileOutcomes.Failure::reason), o.consecutiveFailures(), o.failures());
  }

  private CompletionStage<ControlOutcome> toManager(AgentId id,
      BiFunction<AgentId, ActorRef<StatusReply<Done>>, AgentManager.Command> command, String what) {
    return find(id).thenCompose(a -> a.isEmpty()
        ? CompletableFuture.completedFuture(ControlOutcome.refused("no agent " + id))
        : Asks.outcome(AskPattern.<AgentManager.Command, StatusReply<Done>>ask(engine.manager(),
            r -> command.apply(a.get().configuredId(), r), Asks.ASK, system.scheduler()), d -> id + " " + what));
  }

  @Override
  public void close() {
    // Nothing runs in the background: every answer is asked when wanted.
  }
}
