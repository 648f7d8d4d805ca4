package kis.actors.gateway;

import kis.journal.AgentId;

/** Where the {@link NoticeRouter} sends an execution notice. */
public sealed interface Routing<N> permits Routing.ToAgent, Routing.ToReconciler, Routing.Held, Routing.Duplicate {

  /** Deliver to the agent that owns the order. */
  record ToAgent<N>(AgentId agent, N notice) implements Routing<N> {}

  /** No agent owns the order (or none claimed it in time): the reconciler decides. */
  record ToReconciler<N>(N notice, String why) implements Routing<N> {}

  /** Kept until the reply that names the order number lands, or until the hold times out. */
  record Held<N>() implements Routing<N> {}

  /** Seen before: dropped. */
  record Duplicate<N>() implements Routing<N> {}
}
