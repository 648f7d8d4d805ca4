package kis.actors.agent;

import java.util.List;
import kis.journal.OrderSpec;
import kis.journal.ProtectiveSpec;
import kis.journal.Venue;
import kis.strategies.Intent;

/**
 * The agent's {@code venue} key applied to its strategy's intents: a placement, a bracket's entry
 * and a protective leg that name no venue of their own (the default, KRX) go to the agent's venue;
 * one that names another, or a placement sent elsewhere with {@link Intent.Place#on}, keeps it.
 * Revises and cancels follow their order (its spec's venue). Pure.
 */
final class IntentVenues {
  private IntentVenues() {}

  static Intent route(Intent intent, Venue agentVenue) {
    if (agentVenue == null) {
      return intent;
    }
    if (intent instanceof Intent.Place p) {
      OrderSpec to = p.routed(agentVenue);
      return to == p.spec() && p.venue() == null ? p : new Intent.Place(to, p.reason());
    }
    if (intent instanceof Intent.Protect p) {
      OrderSpec entry = p.entry() == null ? null : new Intent.Place(p.entry(), p.reason()).routed(agentVenue);
      List<ProtectiveSpec> legs = p.legs().stream()
          .map(l -> l.venue() == Venue.DEFAULT && agentVenue != Venue.DEFAULT ? l.on(agentVenue) : l).toList();
      return new Intent.Protect(entry, legs, p.reason());
    }
    return intent;
  }

  /** The venue whose session decides on {@code intent}: its order's, else the agent's. */
  static Venue venueOf(Intent intent, kis.journal.state.AgentState books, Venue agentVenue) {
    if (intent instanceof Intent.Place p) {
      return p.spec().venue();
    }
    if (intent instanceof Intent.Protect p && p.entry() != null) {
      return p.entry().venue();
    }
    if (intent instanceof Intent.Revise r) {
      return books.order(r.orderId()).map(o -> o.spec().venue()).orElse(agentVenue);
    }
    if (intent instanceof Intent.Cancel c) {
      return books.order(c.orderId()).map(o -> o.spec().venue()).orElse(agentVenue);
    }
    return agentVenue;
  }
}
