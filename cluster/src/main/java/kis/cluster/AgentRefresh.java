package kis.cluster;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.function.ToLongFunction;
import kis.actors.agent.AgentConfig;
import kis.journal.AgentId;
import kis.journal.state.AgentState;

/**
 * Which agents the cluster handle ({@link ClusterEngineHandle}) asks for their books on each refresh, so that the cost of a
 * refresh grows with what changed, not with how many agents the cluster runs. An agent's books are
 * the fold of its journal ({@code AgentState.eventCount} is its journal's highest sequence number),
 * so they can only have changed when the journal moved past what the dashboard holds, which the
 * journal feed sees through the read journal without asking anyone. On each tick the refresh asks:
 *
 * <ul>
 *   <li>agents whose books it does not have yet, whose journal moved past them, whose journal id
 *       changed (a fresh start, as the account singleton reports it), or that a control touched;
 *   <li>a slice of every agent in turn, so each is asked at least once per {@code sweepTicks} ticks
 *       whatever the feed says (a feed that failed, a journal not followed yet);
 * </ul>
 *
 * with at most {@code maxInFlight} asks outstanding across nodes; what does not fit waits for the
 * next tick. Thread-safe: ticks come from the scheduler, answers on any thread.
 */
final class AgentRefresh {

  /** Asks one agent's entity, on whichever node it runs, for its books. */
  @FunctionalInterface
  interface Asker {
    CompletionStage<AgentState> books(AgentConfig agent);
  }

  private record Known(AgentId journalId, long eventCount) {}

  private final List<AgentConfig> agents;
  private final Asker asker;
  private final ToLongFunction<AgentId> journalEnd;
  private final BiConsumer<AgentConfig, AgentState> onBooks;
  private final int maxInFlight;
  private final int sweepTicks;
  /** By configured id. */
  private final Map<AgentId, Known> known = new ConcurrentHashMap<>();
  private final Set<AgentId> inFlight = ConcurrentHashMap.newKeySet();
  private final Set<AgentId> forced = ConcurrentHashMap.newKeySet();
  private final AtomicLong asks = new AtomicLong();
  private int cursor;

  /**
   * @param journalEnd the highest sequence number the read journal has shown for a journal id, -1
   *     if unknown (then only the sweep refreshes that agent)
   * @param onBooks told each answer
   * @param maxInFlight asks outstanding at most (at least 1)
   * @param sweepTicks every agent is asked at least once in this many ticks (at least 1)
   */
  AgentRefresh(List<AgentConfig> agents, Asker asker, ToLongFunction<AgentId> journalEnd,
      BiConsumer<AgentConfig, AgentState> onBooks, int maxInFlight, int sweepTicks) {
    this.agents = List.copyOf(agents);
    this.asker = asker;
    this.journalEnd = journalEnd;
    this.onBooks = onBooks;
    this.maxInFlight = Math.max(1, maxInFlight);
    this.sweepTicks = Math.max(1, sweepTicks);
  }

  /**
   * One refresh: asks the agents that are due, within the bound.
   *
   * @param journalIds the account singleton's journal id per configured agent id (empty if unknown)
   */
  synchronized void tick(Map<String, String> journalIds) {
    Set<AgentConfig> due = new LinkedHashSet<>();
    for (AgentConfig a : agents) {
      if (!inFlight.contains(a.id()) && changed(a, journalIds)) {
        due.add(a);
      }
    }
    int slice = (agents.size() + sweepTicks - 1) / sweepTicks;
    for (int i = 0; i < slice && !agents.isEmpty(); i++) {
      AgentConfig a = agents.get(cursor);
      cursor = (cursor + 1) % agents.size();
      if (!inFlight.contains(a.id())) {
        due.add(a);
      }
    }
    int budget = maxInFlight - inFlight.size();
    List<AgentConfig> now = new ArrayList<>(due).subList(0, Math.max(0, Math.min(budget, due.size())));
    now.forEach(this::ask);
  }

  /** Ask for {@code configured}'s books on the next tick (after a control changed them). */
  void force(AgentId configured) {
    forced.add(configured);
  }

  /** Asks made so far. */
  long asks() {
    return asks.get();
  }

  /** Asks outstanding now. */
  int inFlight() {
    return inFlight.size();
  }

  private boolean changed(AgentConfig a, Map<String, String> journalIds) {
    Known k = known.get(a.id());
    if (k == null || forced.contains(a.id())) {
      return true;
    }
    String current = journalIds.get(a.id().value());
    return current != null && !current.equals(k.journalId().value())
        || journalEnd.applyAsLong(k.journalId()) > k.eventCount();
  }

  private void ask(AgentConfig a) {
    inFlight.add(a.id());
    // A control after this ask was sent forces another one: its answer may predate the control.
    boolean wasForced = forced.remove(a.id());
    asks.incrementAndGet();
    CompletionStage<AgentState> answer;
    try {
      answer = asker.books(a);
    } catch (RuntimeException e) {
      answer = CompletableFuture.failedFuture(e);
    }
    answer.whenComplete((books, failure) -> {
      if (books != null) {
        known.put(a.id(), new Known(new AgentId(books.agentId()), books.eventCount()));
        onBooks.accept(a, books);
      } else if (wasForced) {
        forced.add(a.id());
      }
      inFlight.remove(a.id());
    });
  }
}
