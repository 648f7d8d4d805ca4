package kis.journal.state;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import kis.journal.ClientOrderId;
import kis.journal.ProtectiveId;
import kis.journal.event.ProtectiveArmed;
import kis.journal.event.ProtectiveCancelled;
import kis.journal.event.ProtectiveEvent;
import kis.journal.event.ProtectiveTrailed;
import kis.journal.event.ProtectiveTriggered;

/**
 * The agent's armed protective orders (by id) and the next protective sequence number: part of the
 * books, folded from {@link ProtectiveEvent}s, so a restart re-arms exactly what was armed.
 *
 * <p>The transition table is {@link #next}: armed → trailed* → (triggered | cancelled). An event for
 * an order that is not armed (a second trigger, a cancel after the fire) changes nothing and is
 * reported as an anomaly; the agent refuses such commands before journaling, so only a damaged or
 * hand-edited journal gets there.
 */
public record Protections(Map<String, ArmedOrder> armed, long nextSeq, long fired, String lastFired) {

  public static final Protections NONE = new Protections(Map.of(), 1, 0, null);

  public Protections {
    armed = armed == null ? Map.of() : armed;
    nextSeq = Math.max(1, nextSeq);
  }

  public Optional<ArmedOrder> get(ProtectiveId id) {
    return Optional.ofNullable(armed.get(id.value()));
  }

  /** The armed orders in id order. */
  public List<ArmedOrder> all() {
    return List.copyOf(new TreeMap<>(armed).values());
  }

  /** The outcome of one event: the next protections, and why it did not apply as is (null when it did). */
  record Step(Protections next, String anomaly) {}

  /** The transition table of protective orders. Pure and total. */
  static Step next(Protections p, ProtectiveEvent e) {
    String key = e.protectiveId().value();
    ArmedOrder current = p.armed.get(key);
    if (e instanceof ProtectiveArmed a) {
      long seq = seqOf(a.protectiveId());
      if (current != null) {
        return new Step(p, "protective order armed twice"); // the same arming replayed: the first one stands
      }
      return new Step(p.with(key, ArmedOrder.armed(a), Math.max(p.nextSeq, seq + 1)), null);
    }
    if (current == null) {
      return new Step(p, e.getClass().getSimpleName() + " for a protective order that is not armed");
    }
    if (e instanceof ProtectiveTrailed t) {
      return new Step(p.with(key, current.trailed(t.trigger(), t.best(), t.recordedAt()), p.nextSeq), null);
    }
    if (e instanceof ProtectiveTriggered t) {
      Protections q = p.with(key, null, p.nextSeq);
      return new Step(new Protections(q.armed, q.nextSeq, p.fired + 1, firedLine(current, t)), null);
    }
    if (e instanceof ProtectiveCancelled) {
      return new Step(p.with(key, null, p.nextSeq), null);
    }
    return new Step(p, "unknown protective event " + e.getClass().getSimpleName());
  }

  /** A bracket's exits protect the entry's shares as they fill. */
  Protections entryFilled(ClientOrderId entry, long shares, java.time.Instant at) {
    Protections out = this;
    for (ArmedOrder o : armed.values()) {
      if (entry.equals(o.parent())) {
        out = out.with(o.id().value(), o.activated(shares, at), nextSeq);
      }
    }
    return out;
  }

  private Protections with(String key, ArmedOrder o, long seq) {
    Map<String, ArmedOrder> m = new TreeMap<>(armed);
    if (o == null) {
      m.remove(key);
    } else {
      m.put(key, o);
    }
    return new Protections(Collections.unmodifiableMap(m), seq, fired, lastFired);
  }

  /** What the dashboard's alert says about a fire. */
  private static String firedLine(ArmedOrder o, ProtectiveTriggered t) {
    return o.id() + " " + o.spec().kind() + " " + o.spec().side() + " " + o.spec().symbol().code() + " fired at "
        + t.printPrice() + " (trigger " + o.trigger() + "): " + t.childOrderId() + " " + t.child().type() + " "
        + t.child().quantity() + (t.child().price() > 0 ? " @" + t.child().price() : "")
        + (t.denied() == null ? " sent" : " DENIED " + t.denied());
  }

  static long seqOf(ProtectiveId id) {
    String v = id.value();
    int p = v.lastIndexOf("-p");
    try {
      return p < 0 ? 0 : Long.parseLong(v.substring(p + 2));
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /** The rendering {@code AgentState.stateHash} adds when anything was ever armed. */
  String canonical() {
    StringBuilder sb = new StringBuilder("protections|").append(nextSeq).append('|').append(fired).append('|')
        .append(lastFired).append('\n');
    new TreeMap<>(armed).values().forEach(o -> sb.append(o.canonical()).append('\n'));
    return sb.toString();
  }
}
