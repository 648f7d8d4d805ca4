package kis.cluster;

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
import kis.actors.handle.DeskControls;
import kis.actors.handle.DeskHandle;
import kis.actors.handle.NodeView;
import kis.actors.live.AccountDesk;
import kis.actors.live.AgentRunner;
import kis.journal.AgentId;
import kis.journal.state.AgentState;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.Cancellable;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.ClusterEvent;
import org.apache.pekko.cluster.Member;
import org.apache.pekko.cluster.typed.Cluster;

/**
 * {@link EngineHandle} over one node of the cluster profile, showing the whole cluster: every
 * configured agent through its entity wherever sharding runs it, the account through the account
 * singleton ({@link ClusterEngine.Handles#account()}, the node's {@link DeskLink}).
 *
 * <p>{@link #agents()} answers from books kept here, refreshed once a second in the background by
 * {@link AgentRefresh}: an entity is asked only when its journal moved ({@code journalEnd}, the read
 * journal's view), its journal id changed, or a control touched it, plus a sweep of every agent
 * once per {@value #SWEEP_SECONDS} s, with at most {@value #MAX_ASKS_IN_FLIGHT} asks outstanding.
 * {@link #books} always asks. Every control and the account view are {@link DeskControls}, the
 * same code as the single node's handle, with each runner reached as its sharded entity.
 */
public final class ClusterEngineHandle extends DeskHandle {
  static final int SWEEP_SECONDS = 30;
  static final int MAX_ASKS_IN_FLIGHT = 32;

  private final ActorSystem<?> system;
  private final ClusterEngine.Handles cluster;
  private final Map<AgentId, AgentRunner.Status> answers = new ConcurrentHashMap<>();
  private final AgentRefresh refresh;
  private final Cancellable refresher;
  private final DeskControls controls;

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
    this.controls = new DeskControls(system, cluster.account(), new ShardedRunners(), this::byJournal, refresh::force);
    this.refresher = system.scheduler().scheduleWithFixedDelay(Duration.ZERO, Duration.ofSeconds(1), this::tick,
        system.executionContext());
  }

  /** Each runner as its sharded entity, on whichever node it runs. */
  private final class ShardedRunners implements DeskControls.Runners {
    @Override
    public List<AgentConfig> configured() {
      return cluster.agents();
    }

    @Override
    public <T> CompletionStage<T> ask(AgentId id, Function<ActorRef<T>, AgentRunner.Command> message,
        Duration timeout) {
      return cluster.agent(id).ask(message::apply, timeout);
    }
  }

  @Override
  protected DeskControls controls() {
    return controls;
  }

  private void tick() {
    controls.desk().thenAccept(d -> refresh.tick(d.journalIds()));
  }

  private CompletionStage<AgentState> ask(AgentConfig a) {
    return controls.status(a).thenApply(s -> {
      answers.put(a.id(), s);
      if (s.recovering()) {
        // Shown RECOVERING now; no books to know yet, so the refresh asks again next tick.
        views.put(a.id(), DeskControls.view(a, s, views.get(a.id())));
        throw new IllegalStateException(a.id() + " is " + s.idleReason());
      }
      return s.books();
    });
  }

  private void onBooks(AgentConfig a, AgentState books) {
    AgentRunner.Status s = answers.get(a.id());
    if (s != null) {
      views.put(a.id(), DeskControls.view(a, s, views.get(a.id())));
    }
  }

  /** Agent entities asked for their books since the start (the refresh's cost). */
  public long agentAsks() {
    return refresh.asks();
  }

  @Override
  public CompletionStage<List<AgentView>> agents() {
    return CompletableFuture.completedFuture(views.values().stream()
        .sorted(Comparator.comparing(v -> v.configuredId().value())).toList());
  }

  @Override
  public CompletionStage<AccountView> account() {
    return controls.account(node -> node.equals(self().toString()));
  }

  @Override
  public CompletionStage<List<NodeView>> nodes() {
    ClusterEvent.CurrentClusterState state = Cluster.get(system).state();
    java.util.Set<Member> unreachable = state.getUnreachable();
    AccountDesk.DeskStatus d = controls.lastDesk();
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

  @Override
  public void close() {
    refresher.cancel();
  }
}
