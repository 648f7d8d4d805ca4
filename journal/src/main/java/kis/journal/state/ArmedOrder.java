package kis.journal.state;

import java.time.Instant;
import kis.journal.ClientOrderId;
import kis.journal.ProtectiveId;
import kis.journal.ProtectiveSpec;

/**
 * A protective order as the books hold it while it is armed.
 *
 * @param trigger the current trigger (a trailing stop's moves; 0 until a trailing stop's first print)
 * @param best the best print a trailing stop has seen since it was armed, 0 before any
 * @param parent a bracket's entry order, or null
 * @param activeQuantity the shares it would send now: its quantity, or for a bracket's exit the
 *     entry's filled shares so far (0 until the entry fills)
 * @param venueOrder the order carrying it at KIS as a native stop-limit, or null when the engine
 *     emulates it ({@link kis.journal.event.ProtectiveArmed#venueOrder})
 */
public record ArmedOrder(ProtectiveId id, ProtectiveSpec spec, long trigger, long best, ClientOrderId parent,
    String ocoGroup, long activeQuantity, Instant expiresAt, String reason, Instant armedAt, Instant updatedAt,
    ClientOrderId venueOrder) {

  static ArmedOrder armed(kis.journal.event.ProtectiveArmed a) {
    return new ArmedOrder(a.protectiveId(), a.spec(), a.spec().triggerPrice(), 0, a.parent(), a.ocoGroup(),
        a.parent() == null ? a.spec().quantity() : 0, a.expiresAt(), a.reason(), a.recordedAt(), a.recordedAt(),
        a.venueOrder());
  }

  ArmedOrder trailed(long newTrigger, long newBest, Instant at) {
    return new ArmedOrder(id, spec, newTrigger, newBest, parent, ocoGroup, activeQuantity, expiresAt, reason, armedAt, at,
        venueOrder);
  }

  ArmedOrder activated(long shares, Instant at) {
    long n = Math.min(spec.quantity(), activeQuantity + shares);
    return new ArmedOrder(id, spec, trigger, best, parent, ocoGroup, n, expiresAt, reason, armedAt, at, venueOrder);
  }

  /** Whether the venue holds it (a native stop-limit at KIS) rather than the engine's emulator. */
  public boolean atVenue() {
    return venueOrder != null;
  }

  /** Signed distance from {@code price} to the trigger in won (positive: the price still has that far to go). */
  public long distanceFrom(long price) {
    if (trigger == 0) {
      return 0;
    }
    boolean firesBelow = !spec.kind().firesAt(spec.side(), trigger, trigger + 1);
    return firesBelow ? price - trigger : trigger - price;
  }

  /**
   * One line for people ({@code journal inspect}, the dashboard): e.g.
   * {@code a1-p1 STOP SELL 005930 10/10 trigger 69000 -> MARKET, oco a1-p1, entry a1-4, until 2026-11-25T00:00+09:00}.
   */
  public String summary() {
    String child = spec.trail() != null ? (spec.trail().limitTicks() == null ? "MARKET"
        : "LIMIT trigger" + (spec.trail().limitTicks() >= 0 ? "+" : "") + spec.trail().limitTicks() + " ticks")
        : spec.limitPrice() > 0 ? "LIMIT " + spec.limitPrice() : "MARKET";
    return id + " " + spec.kind() + " " + spec.side() + " " + spec.symbol().code() + " " + activeQuantity + "/"
        + spec.quantity() + " trigger " + (trigger == 0 ? "(first print)" : trigger)
        + (spec.trail() != null ? " trailing " + spec.trail().amount() + " " + spec.trail().unit() + " best " + best : "")
        + " -> " + child + (spec.venue() != kis.journal.Venue.KRX ? " on " + spec.venue() : "")
        + (ocoGroup != null ? ", oco " + ocoGroup : "") + (parent != null ? ", entry " + parent : "")
        + (venueOrder != null ? ", native stop-limit at KIS: order " + venueOrder : "")
        + (expiresAt != null ? ", until " + expiresAt.atZone(java.time.ZoneId.of("Asia/Seoul")).toOffsetDateTime() : "");
  }

  /** A trail's fields, not its record rendering: a new field must not change the hashes of books without it. */
  private static String trail(kis.journal.Trail t) {
    return t == null ? "-" : t.unit() + "/" + t.amount() + (t.limitTicks() == null ? "" : "/" + t.limitTicks());
  }

  /** One line for tools and hashes: every field in a fixed order. */
  String canonical() {
    return id + "," + spec.kind() + "," + spec.symbol() + "," + spec.side() + "," + spec.quantity() + ","
        + spec.triggerPrice() + "," + spec.limitPrice() + "," + trail(spec.trail()) + "," + spec.tif().kind() + "/"
        + spec.tif().until() + "," + spec.venue()
        + "," + trigger + "," + best + "," + parent + "," + ocoGroup + "," + activeQuantity + "," + expiresAt + ","
        + reason + "," + armedAt + "," + updatedAt + (venueOrder == null ? "" : ",venue-order=" + venueOrder);
  }
}
