package kis.engine.dashboard;

import java.util.List;
import java.util.Map;
import kis.journal.Symbol;
import kis.journal.state.AgentState;
import kis.journal.state.ArmedOrder;

/**
 * An agent's protective orders as the dashboard shows them: each armed order with its trigger and
 * the distance to it from the last price, how many have fired and the last that did.
 *
 * @param fired protective orders fired since the agent's journal began (the alert monitor raises
 *     {@code PROTECTIVE_FIRED} when it grows)
 * @param lastFired the last fire, e.g. {@code a1-p2 STOP SELL 005930 fired at 67500 (trigger 68000): a1-9 MARKET 10 sent}
 */
public record ProtectiveView(List<Armed> armed, long fired, String lastFired) {

  public static final ProtectiveView NONE = new ProtectiveView(List.of(), 0, null);

  public ProtectiveView {
    armed = List.copyOf(armed);
  }

  /**
   * One armed order.
   *
   * @param trigger 0 for a trailing stop before its first print
   * @param distance won the last price still has to move to reach the trigger (negative: past it,
   *     fires on the next print of its venue); null without a last price or a trigger
   */
  public record Armed(String id, String kind, String side, Symbol symbol, long quantity, long trigger, Long distance,
      String summary) {}

  public static ProtectiveView of(AgentState s, Map<Symbol, Long> lastPrices) {
    if (s.protections().armed().isEmpty() && s.protections().fired() == 0) {
      return NONE;
    }
    List<Armed> armed = s.protections().all().stream().map(o -> armed(o, lastPrices.get(o.spec().symbol())))
        .toList();
    return new ProtectiveView(armed, s.protections().fired(), s.protections().lastFired());
  }

  private static Armed armed(ArmedOrder o, Long last) {
    Long distance = last == null || o.trigger() == 0 ? null : o.distanceFrom(last);
    return new Armed(o.id().value(), o.spec().kind().name(), o.spec().side().name(), o.spec().symbol(),
        o.activeQuantity(), o.trigger(), distance, o.summary());
  }
}
