package kis.cluster.migrate;

import java.time.Instant;
import java.util.List;
import kis.actors.risk.KillSwitchEngaged;
import kis.actors.risk.KillSwitchEvent;
import kis.actors.risk.KillSwitchReset;

/**
 * What {@code journal migrate} writes to the cluster's kill switch ({@code KillSwitch|<account name>})
 * so that a latch engaged on the single-node engine ({@code KillSwitch|account}) is never silently
 * dropped: migrating must not re-arm trading. The single-node history is copied unchanged when the
 * cluster has none; when the cluster's switch already has a history, a latched single-node switch
 * is engaged on top of it (with the original reason and operator), and nothing else is written: a
 * migration never resets the cluster's switch, and a switch reset on the single node stays the
 * cluster's business. A latch carried over once is not carried again: an operator who reset it in
 * the cluster since is not overruled by a second migration run.
 */
public final class KillSwitchCarryOver {
  private KillSwitchCarryOver() {}

  /** The latch a kill switch journal folds to: its last event decides. */
  public record Latch(boolean engaged, String reason, String by, Instant at) {
    static final Latch OFF = new Latch(false, null, null, null);

    /** The fold of a kill switch's events (other kinds are ignored). */
    public static Latch of(List<?> events) {
      Latch l = OFF;
      for (Object e : events) {
        if (e instanceof KillSwitchEngaged g) {
          l = new Latch(true, g.reason(), g.by(), g.recordedAt());
        } else if (e instanceof KillSwitchReset r) {
          l = new Latch(false, l.reason(), r.by(), r.recordedAt());
        }
      }
      return l;
    }
  }

  /**
   * The events to append to the cluster's kill switch.
   *
   * @param source the single-node engine's kill switch events
   * @param target the cluster's kill switch events
   * @param now when the carry-over is recorded
   */
  public static List<KillSwitchEvent> toAppend(List<?> source, List<?> target, Instant now) {
    List<KillSwitchEvent> history = source.stream().filter(KillSwitchEvent.class::isInstance)
        .map(KillSwitchEvent.class::cast).toList();
    if (target.isEmpty()) {
      return history;
    }
    Latch from = Latch.of(source);
    if (from.engaged() && !Latch.of(target).engaged() && !carriedBefore(source, target)) {
      return List.of(new KillSwitchEngaged(marker(from) + "; carried over by journal migrate)", from.by(), now));
    }
    return List.of();
  }

  /** Whether the single node's latch already reached the cluster's journal (copied, or engaged on top). */
  public static boolean carriedBefore(List<?> source, List<?> target) {
    Latch from = Latch.of(source);
    if (!from.engaged()) {
      return false;
    }
    KillSwitchEngaged last = new KillSwitchEngaged(from.reason(), from.by(), from.at());
    return target.stream().anyMatch(e -> e.equals(last)
        || e instanceof KillSwitchEngaged g && g.reason() != null && g.reason().startsWith(marker(from)));
  }

  private static String marker(Latch from) {
    return from.reason() + " (latched on the single-node engine at " + from.at();
  }
}
