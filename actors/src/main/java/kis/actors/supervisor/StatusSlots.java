package kis.actors.supervisor;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Which stocks' market-status registrations ({@code H0STMKO0}: KRX's VI news) fit in a session:
 * only the registrations left over once the execution notices and every print and book feed are
 * counted, in the order the stocks were asked for. The one place that counts them, so a status
 * registration can never take a slot prints need, never push a session past KIS's limit, and never
 * refuse a start.
 *
 * @param max KIS's registrations per session ({@code kis.websocket.max-subscriptions})
 */
public record StatusSlots(int max) {
  public StatusSlots {
    if (max < 0) {
      throw new IllegalArgumentException("max must not be negative: " + max);
    }
  }

  /** Registrations left for market status once {@code used} are taken by notices, prints and books. */
  public int spare(int used) {
    return Math.max(0, max - used);
  }

  /** The stocks of {@code wanted} (in their order) that get a status registration. */
  public <T> List<T> granted(int used, Collection<T> wanted) {
    return List.copyOf(new ArrayList<>(wanted).subList(0, Math.min(wanted.size(), spare(used))));
  }

  /** The stocks of {@code wanted} left without one: no live VI news for them. */
  public <T> List<T> without(int used, Collection<T> wanted) {
    List<T> all = new ArrayList<>(wanted);
    return List.copyOf(all.subList(Math.min(all.size(), spare(used)), all.size()));
  }
}
