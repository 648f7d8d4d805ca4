package kis.actors.risk;

import java.time.Clock;
import kis.journal.JournalSerializable;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.RecoveryCompleted;
import org.apache.pekko.persistence.typed.javadsl.CommandHandlerWithReply;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehaviorWithEnforcedReplies;
import org.apache.pekko.persistence.typed.javadsl.ReplyEffect;
import org.apache.pekko.persistence.typed.javadsl.SignalHandler;

/**
 * The account's kill switch: a journaled latch. Engaging it tells {@code cancelAll} to cancel
 * every working order and blocks new orders (the risk guard reads the latch); it stays engaged
 * across restarts (and re-sends the cancel-all after each recovery) until an operator resets it
 * with their name. Engaging again while engaged re-sends the cancel-all without journaling.
 *
 * <p>A {@code listener}, if given, is told the state once recovery has completed (engaged or not:
 * that is how the engine learns the latch before any agent may trade) and after every change.
 */
public final class KillSwitch
    extends EventSourcedBehaviorWithEnforcedReplies<KillSwitch.Command, KillSwitchEvent, KillSwitchState> {

  /** The kill switch's commands. */
  public sealed interface Command extends JournalSerializable permits Engage, Reset, Get {}

  /** Latch the switch; {@code by} names the operator or the rule that pulled it. */
  public record Engage(String reason, String by, ActorRef<StatusReply<KillSwitchState>> replyTo) implements Command {}

  /** Release the latch; only an operator does this, and {@code by} records who. */
  public record Reset(String by, ActorRef<StatusReply<KillSwitchState>> replyTo) implements Command {}

  /** Read the latch. */
  public record Get(ActorRef<KillSwitchState> replyTo) implements Command {}

  private final ActorRef<CancelAllWorkingOrders> cancelAll;
  private final ActorRef<KillSwitchState> listener;
  private final Clock clock;

  private KillSwitch(PersistenceId id, ActorRef<CancelAllWorkingOrders> cancelAll, ActorRef<KillSwitchState> listener,
      Clock clock) {
    super(id, SupervisorStrategy.restartWithBackoff(java.time.Duration.ofMillis(200), java.time.Duration.ofSeconds(5),
        0.2));
    this.cancelAll = cancelAll;
    this.listener = listener;
    this.clock = clock;
  }

  /** The account's kill switch, journaled as {@code KillSwitch|<accountKey>}. */
  public static KillSwitch create(String accountKey, ActorRef<CancelAllWorkingOrders> cancelAll, Clock clock) {
    return new KillSwitch(persistenceId(accountKey), cancelAll, null, clock);
  }

  /** As {@link #create(String, ActorRef, Clock)}, telling {@code listener} the state after recovery and each change. */
  public static KillSwitch create(String accountKey, ActorRef<CancelAllWorkingOrders> cancelAll,
      ActorRef<KillSwitchState> listener, Clock clock) {
    return new KillSwitch(persistenceId(accountKey), cancelAll, listener, clock);
  }

  /** {@code KillSwitch|<accountKey>}: stable for the account, so the latch survives restarts. */
  public static PersistenceId persistenceId(String accountKey) {
    return PersistenceId.of("KillSwitch", accountKey);
  }

  @Override
  public KillSwitchState emptyState() {
    return KillSwitchState.OFF;
  }

  @Override
  public CommandHandlerWithReply<Command, KillSwitchEvent, KillSwitchState> commandHandler() {
    return newCommandHandlerWithReplyBuilder().forAnyState()
        .onCommand(Engage.class, this::engage)
        .onCommand(Reset.class, this::reset)
        .onCommand(Get.class, (s, c) -> Effect().reply(c.replyTo(), s))
        .build();
  }

  private ReplyEffect<KillSwitchEvent, KillSwitchState> engage(KillSwitchState s, Engage c) {
    if (blank(c.by())) {
      return Effect().reply(c.replyTo(), StatusReply.error("engaging the kill switch needs a name (by)"));
    }
    if (s.engaged()) {
      return Effect().none()
          .thenRun(st -> cancelAll.tell(new CancelAllWorkingOrders(st.reason(), st.engagedAt())))
          .thenReply(c.replyTo(), StatusReply::success);
    }
    return Effect().persist(new KillSwitchEngaged(c.reason(), c.by(), clock.instant()))
        .thenRun(this::announce)
        .thenRun(st -> cancelAll.tell(new CancelAllWorkingOrders(st.reason(), st.engagedAt())))
        .thenReply(c.replyTo(), StatusReply::success);
  }

  private ReplyEffect<KillSwitchEvent, KillSwitchState> reset(KillSwitchState s, Reset c) {
    if (blank(c.by())) {
      return Effect().reply(c.replyTo(), StatusReply.error("a reset needs the operator's name (by)"));
    }
    if (!s.engaged()) {
      return Effect().reply(c.replyTo(), StatusReply.error("the kill switch is not engaged"));
    }
    return Effect().persist(new KillSwitchReset(c.by(), clock.instant()))
        .thenRun(this::announce)
        .thenReply(c.replyTo(), StatusReply::success);
  }

  @Override
  public EventHandler<KillSwitchState, KillSwitchEvent> eventHandler() {
    return newEventHandlerBuilder().forAnyState().onAnyEvent(KillSwitchState::apply);
  }

  @Override
  public SignalHandler<KillSwitchState> signalHandler() {
    return newSignalHandlerBuilder()
        .onSignal(RecoveryCompleted.instance(), s -> {
          announce(s);
          if (s.engaged()) {
            // Orders may have been working when the engine stopped: cancel again.
            cancelAll.tell(new CancelAllWorkingOrders(s.reason(), s.engagedAt()));
          }
        })
        .build();
  }

  private void announce(KillSwitchState s) {
    if (listener != null) {
      listener.tell(s);
    }
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
