package kis.actors.gateway;

import kis.actors.agent.OrderPort;
import kis.actors.risk.KillSwitchState;
import kis.journal.RejectReason;

/**
 * Whether the gateway lets an agent's message towards KIS: the one place an order, revise or
 * cancel is refused before it is sent. Pure; the gateway keeps the current state and acts on each
 * {@link Admission}.
 *
 * <ul>
 *   <li>{@link AwaitingKillSwitch}: the kill switch has not yet said whether it is engaged (it is
 *       recovering its journal); orders and revises wait, cancels pass.</li>
 *   <li>{@link Open}: everything is sent.</li>
 *   <li>{@link Latched}: the kill switch is engaged; new orders and revises go back refused with
 *       {@link #KILL_SWITCH}, cancels pass (they only reduce what is at risk).</li>
 *   <li>{@link Closed}: the engine is shutting down; everything goes back refused with
 *       {@link #ENGINE_STOPPING}, cancels too, so each agent journals that it was never sent
 *       instead of leaving a request on its way while the engine stops. Closed is for good.</li>
 * </ul>
 */
public sealed interface GatewayState {
  String ENGINE_STOPPING = "ENGINE_STOPPING";
  String KILL_SWITCH = RejectReason.RISK_KILL_SWITCH.name();

  /** What to do with one message. */
  sealed interface Admission permits Send, Hold, Refuse {}

  /** Towards KIS (through the rate budget). */
  record Send() implements Admission {}

  /** Keep it until the kill switch's state is known, then ask again. */
  record Hold() implements Admission {}

  /** Back to the agent as refused, never sent ({@link OrderPort#refuse}). */
  record Refuse(String code, String why) implements Admission {}

  /** The state a gateway starts in: nothing new goes out until the kill switch has spoken. */
  static GatewayState initial() {
    return new AwaitingKillSwitch();
  }

  Admission admit(OrderPort m);

  /** After the kill switch's state (on its recovery and after each change); closed stays closed. */
  default GatewayState killSwitch(KillSwitchState s) {
    return s.engaged() ? new Latched(s.engagedBy(), s.reason()) : new Open();
  }

  /** The kill switch has not spoken yet. */
  record AwaitingKillSwitch() implements GatewayState {
    @Override
    public Admission admit(OrderPort m) {
      return m instanceof OrderPort.SendCancel ? new Send() : new Hold();
    }
  }

  /** Orders flow. */
  record Open() implements GatewayState {
    @Override
    public Admission admit(OrderPort m) {
      return new Send();
    }
  }

  /** The kill switch is engaged by {@code engagedBy} for {@code reason}. */
  record Latched(String engagedBy, String reason) implements GatewayState {
    @Override
    public Admission admit(OrderPort m) {
      if (m instanceof OrderPort.SendCancel) {
        return new Send();
      }
      // What was already on its way when the latch engaged, or sent before its host heard of it.
      return new Refuse(KILL_SWITCH, "kill switch engaged by " + engagedBy + " (" + reason + "); not sent to KIS");
    }
  }

  /** The engine is stopping. */
  record Closed() implements GatewayState {
    @Override
    public Admission admit(OrderPort m) {
      // A revise or cancel that never left: the order stays as it is at KIS.
      return new Refuse(ENGINE_STOPPING, "the engine is shutting down; not sent to KIS");
    }

    @Override
    public GatewayState killSwitch(KillSwitchState s) {
      return this;
    }
  }
}
