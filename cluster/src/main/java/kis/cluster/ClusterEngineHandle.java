package kis.cluster;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import java.util.stream.StreamSupport;
import kis.actors.agent.AgentConfig;
import kis.actors.handle.AccountView;
import kis.actors.handle.AgentView;
import kis.actors.handle.ControlOutcome;
import kis.actors.handle.EngineHandle;
import kis.actors.handle.NodeView;
import kis.actors.handle.ReconcileView;
import kis.actors.live.AccountDesk;
import kis.actors.live.AgentRunner;
import kis.actors.live.HostSignals;
import kis.actors.live.DiskSpace;
import kis.actors.live.DiskWatch;
import kis.actors.manager.FreshStartRule;
import kis.actors.risk.KillSwitchState;
import kis.journal.AgentId;
import kis.journal.Symbol;
import kis.journal.state.AgentState;
import org.apache.pekko.Done;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.Cancellable;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.cluster.ClusterEvent;
import org.apache.pekko.cluster.Member;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.pattern.StatusReply;

/**
 * {@link EngineHandle} over one node of the cluster profile, showing the whole cluster: every
 * configured agent through its entity wherever sharding runs it, the account through the account
 * singleton ({@link ClusterEngine.Handles#account()}, the node's {@link DeskLink}).
 *
 * <p>{@link #agents()} answers from books kept here, refreshed once a second in the background by
 * {@link AgentRefresh}: an entity is asked only when its journal moved ({@code journalEnd}, the read
 * journal's view), its journal id changed, or a control touched it, plus a sweep of every agent
 * once per {@value #SWEEP_SECONDS} s, with at most {@value #MAX_ASKS_IN_FLIGHT} asks outstanding.
 * {@link #books} always asks.
 */
public final class ClusterEngineHandle implements EngineHandle {
  private static final Duration ASK = Duration.ofSeconds(5);
  private static final Duration LONG = Duration.ofSeconds(60);
  static final int SWEEP_SECONDS = 30;
  static final int MAX_ASKS_IN_FLIGHT = 32;

  private final ActorSystem<?> system;
  private final ClusterEngine.Handles cluster;
  /** By configured id. */
  private final Map<AgentId, AgentView> agents = new ConcurrentHashMap<>();
  private final Map<AgentId, AgentRunner.Status> answers = new ConcurrentHashMap<>();
  private final AgentRefresh refresh;
  private final Cancellable refresher;
  private volatile AccountDesk.DeskStatus desk;

  /**
   * @param journalEnd the highest sequence number the read journal has shown for a journal id, -1
   *     if unknown: without it every agent is asked on every refresh (as bounded)
   */
  public ClusterEngineHandle(ActorSystem<?> system, ClusterEngine.Handles cluster,
      Optional<ToLongFunction<AgentId>> journalEnd) {
    this.system = system;
    this.cluster = cluster;
    this.refresh = new AgentRefresh(cluster.agents(), this::ask, journalEnd.orElse(j -> -1L), this::onBooks,
        MAX_ASKS_IN_FLIGHT, journalEnd.isPresent() ? SWEEP_SECONDS : 1);
    this.refresher = system.scheduler().scheduleWithFixedDelay(Duration.ZERO, Duration.ofSeconds(1), this::tick,
        system.executionContext());
  }

  private void tick() {
    desk().thenAccept(d -> refresh.tick(d.journalIds()));
  }

  private CompletionStage<AccountDesk.DeskStatus> desk() {
    return AskPattern.<AccountDesk.Command, AccountDesk.DeskStatus>ask(cluster.account(), AccountDesk.GetStatus::new,
        ASK, system.scheduler()).thenApply(d -> {
          desk = d;
          return d;
        });
  }

  private CompletionStage<AgentState> ask(AgentConfig a) {
    return status(a).thenApply(s -> {
      answers.put(a.id(), s);
      return s.books();
    });
  }

  private CompletionStage<AgentRunner.Status> status(AgentConfig a) {
    return cluster.agent(a.id()).<AgentRunner.Status>ask(AgentRunner.GetStatus::new, ASK);
  }

  private void onBooks(AgentConfig a, AgentState books) {
    AgentRunner.Status s = answers.get(a.id());
    if (s != null) {
      agents.put(a.id(), view(a, s, agents.get(a.id())));
    }
  }

  /** A damaged agent keeps the books it showed last. */
  private static AgentView view(AgentConfig a, AgentRunner.Status s, AgentView before) {
    AgentState books = s.damage().isPresent() && before != null ? before.books() : s.books();
    return new AgentView(a.id(), new AgentId(s.books().agentId()), a.strategy(), a.symbol(), books,
        s.damage().isEmpty(), s.paused(), s.idleReason(), s.damage());
  }

  private Optional<AgentConfig> config(AgentId id) {
    Optional<AgentConfig> byConfig = cluster.agents().stream().filter(a -> a.id().equals(id)).findFirst();
    if (byConfig.isPresent()) {
      return byConfig;
    }
    // A journal id: the current one of its agent only.
    return agents.values().stream().filter(v -> v.journalId().equals(id)).findFirst()
        .flatMap(v -> config(v.configuredId()));
  }

  /** Agent entities asked for their books since the start (the refresh's cost). */
  public long agentAsks() {
    return refresh.asks();
  }

  @Override
  public CompletionStage<List<AgentView>> agents() {
    return CompletableFuture.completedFuture(agents.values().stream()
        .sorted(Comparator.comparing(v -> v.configuredId().value())).toList());
  }

  @Override
  public CompletionStage<Optional<AgentView>> books(AgentId id) {
    Optional<AgentConfig> a = config(id);
    if (a.isEmpty()) {
      return CompletableFuture.completedFuture(Optional.empty());
    }
    return status(a.get()).thenApply(s -> {
      AgentView v = view(a.get(), s, agents.get(a.get().id()));
      agents.put(a.get().id(), v);
      return Optional.of(v);
    });
  }

  @Override
  public CompletionStage<ControlOutcome> pause(AgentId id, boolean on, String by) {
    return toEntity(id, c -> cluster.agent(c.id()).<Done>ask(r -> new AgentRunner.Pause(on, r), ASK)
        .thenApply(d -> ControlOutcome.done(id + (on ? " paused: no new orders; working orders stay" : " unpaused"))));
  }

  @Override
  public CompletionStage<ControlOutcome> park(AgentId id, String by) {
    return toEntity(id, c -> done(cluster.agent(c.id()).<StatusReply<Done>>ask(
        r -> new AgentRunner.Park("parked by " + by, r), ASK), x -> id + " parked"));
  }

  @Override
  public CompletionStage<ControlOutcome> resume(AgentId id, String by) {
    return toEntity(id, c -> cluster.agent(c.id()).<Done>ask(r -> new AgentRunner.Pause(false, r), ASK)
        .thenCompose(d -> status(c))
        .thenCompose(s -> s.books().parked()
            ? done(cluster.agent(c.id()).<StatusReply<Done>>ask(r -> new AgentRunner.Resume(by, r), ASK),
                x -> id + " resumed")
            : CompletableFuture.completedFuture(ControlOutcome.done(id + " resumed"))));
  }

  @Override
  public CompletionStage<ControlOutcome> cancelWorking(AgentId id, String by) {
    return toEntity(id, c -> done(cluster.agent(c.id()).<StatusReply<Integer>>ask(
        r -> new AgentRunner.CancelWorking(by, r), ASK), n -> n + " cancel(s) sent"));
  }

  @Override
  public CompletionStage<ControlOutcome> freshStart(AgentId id, String by, boolean handover) {
    return toEntity(id, c -> status(c).thenCompose(before -> done(cluster.agent(c.id()).<StatusReply<String>>ask(
            r -> new AgentRunner.FreshStart(by, handover, r), ASK.multipliedBy(3)),
        j -> c.id() + " started afresh on journal " + j + " by " + by + "; the old journal "
            + before.books().agentId() + " is kept" + FreshStartRule.handoverNote(before.books(), handover))));
  }

  @Override
  public CompletionStage<ControlOutcome> killSwitch(boolean engage, String reason, String by) {
    return done(AskPattern.<AccountDesk.Command, StatusReply<KillSwitchState>>ask(cluster.account(),
            r -> engage ? new AccountDesk.EngageKillSwitch(reason, by, r) : new AccountDesk.ResetKillSwitch(by, r),
            ASK, system.scheduler()),
        k -> engage ? "kill switch engaged: working orders cancelled on every node, new orders denied until reset"
            : "kill switch reset: agents may trade again");
  }

  @Override
  public CompletionStage<ControlOutcome> reconcileNow(String by) {
    return done(AskPattern.<AccountDesk.Command, StatusReply<String>>ask(cluster.account(),
        AccountDesk.RunReconcile::new, LONG, system.scheduler()), s -> s);
  }

  @Override
  public CompletionStage<ControlOutcome> acceptCash(String by) {
    return done(AskPattern.<AccountDesk.Command, StatusReply<String>>ask(cluster.account(),
        r -> new AccountDesk.AcceptCash(by, r), ASK, system.scheduler()), s -> s);
  }

  @Override
  public CompletionStage<ControlOutcome> bookBack(AgentId id, String by) {
    return toEntity(id, c -> status(c).thenCompose(s -> done(AskPattern.<AccountDesk.Command,
        StatusReply<String>>ask(cluster.account(), r -> new AccountDesk.BookBack(new AgentId(s.books().agentId()), by,
        r), LONG, system.scheduler()), x -> x)));
  }

  @Override
  public CompletionStage<AccountView> account() {
    CompletionStage<Optional<HostSignals.AccountStatus>> limits = AskPattern.<AccountDesk.Command,
        HostSignals.AccountStatus>ask(cluster.account(), AccountDesk.GetAccount::new, ASK, system.scheduler())
        .thenApply(Optional::of).exceptionally(e -> Optional.empty());
    return desk().thenCombine(limits, (d, l) -> {
      Map<Symbol, Long> prices = new java.util.HashMap<>();
      d.lastPrices().forEach((code, p) -> prices.put(Symbol.of(code), p));
      ReconcileView reconcile = new ReconcileView(d.reconcileResult(), Optional.ofNullable(d.reconciledAt()),
          d.drift(), Optional.ofNullable(d.lastReconcileFailureAt()),
          d.lastReconcileFailure().isEmpty() ? Optional.empty() : Optional.of(d.lastReconcileFailure()),
          d.reconcileFailuresInRow(), d.reconcileFailures());
      return new AccountView(new AccountView.ConnectionView(d.connection(), Optional.ofNullable(d.connectionSince()),
          d.connectionCause(), d.reconnects()), d.node().equals(self().toString()), reconcile, d.killSwitch(), l,
          prices, Optional.ofNullable(d.lastFrame()), disk());
    });
  }

  private AccountView.DiskView disk() {
    return DiskWatch.get(system).disk().map(dw -> {
      DiskSpace.State st = dw.state();
      return new AccountView.DiskView(true, st.low(), st.freeBytes(), dw.settings().minFreeBytes(), st.since(),
          st.detail());
    }).orElse(AccountView.DiskView.unknown());
  }

  @Override
  public CompletionStage<List<NodeView>> nodes() {
    ClusterEvent.CurrentClusterState state = Cluster.get(system).state();
    java.util.Set<Member> unreachable = state.getUnreachable();
    AccountDesk.DeskStatus d = desk;
    Address self = self();
    List<NodeView> out = new ArrayList<>();
    StreamSupport.stream(state.getMembers().spliterator(), false)
        .sorted(Comparator.comparing(m -> m.address().toString()))
        .forEach(m -> {
          String address = m.address().toString();
          List<String> here = d == null ? List.of() : d.agentNodes().entrySet().stream()
              .filter(e -> e.getValue().equals(address)).map(Map.Entry::getKey).sorted().toList();
          out.add(new NodeView(address, m.status().toString(), !unreachable.contains(m),
              d != null && d.node().equals(address), here, m.address().equals(self)));
        });
    return CompletableFuture.completedFuture(out);
  }

  private Address self() {
    return Cluster.get(system).selfMember().address();
  }

  /** Refused when no configured agent has {@code id}; its books are asked again after the control. */
  private CompletionStage<ControlOutcome> toEntity(AgentId id,
      Function<AgentConfig, CompletionStage<ControlOutcome>> control) {
    Optional<AgentConfig> a = config(id);
    if (a.isEmpty()) {
      return CompletableFuture.completedFuture(ControlOutcome.refused("no agent " + id));
    }
    return control.apply(a.get()).whenComplete((o, e) -> refresh.force(a.get().id()));
  }

  private static <T> CompletionStage<ControlOutcome> done(CompletionStage<StatusReply<T>> reply,
      Function<T, String> done) {
    return reply.thenApply(r -> r.isSuccess() ? ControlOutcome.done(done.apply(r.getValue()))
        : ControlOutcome.refused(String.valueOf(r.getError().getMessage())));
  }

  @Override
  public void close() {
    refresher.cancel();
  }
}
