package kis.engine.journal;

import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.ActorRefWithCell;
import org.apache.pekko.actor.typed.internal.adapter.ActorAdapter;

/**
 * Whether a persistent actor reads Pekko's whole-request acknowledgement
 * ({@code WriteMessagesSuccessful}) that precedes the per-event replies. A classic
 * {@code PersistentActor} does (it ends its write in progress there, and cluster sharding's
 * remember-entities store is one); a typed {@code EventSourcedBehavior} ignores it (Pekko 1.x's
 * {@code Running.PersistingEvents} returns itself for it and acts on each event's
 * {@code WriteMessageSuccess}). Leaving it out for typed actors spares each confirmed write one
 * message through the actor's mailbox, interceptors and persistence stages, and one tell on the
 * writer's thread. Anything not known to be a local typed actor gets it, as Pekko sends it.
 */
final class BatchAcks {
  private BatchAcks() {}

  /** False only for a local typed actor; true for a classic or a remote one. */
  static boolean wanted(ActorRef persistentActor) {
    if (persistentActor instanceof ActorRefWithCell local) {
      return !ActorAdapter.class.isAssignableFrom(local.underlying().props().actorClass());
    }
    return true;
  }
}
