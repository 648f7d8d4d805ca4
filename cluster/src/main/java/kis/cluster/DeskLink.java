package kis.cluster;

import java.time.Duration;
import kis.actors.live.AccountDesk;
import org.apache.pekko.actor.PoisonPill;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.cluster.singleton.ClusterSingletonProxy;
import org.apache.pekko.cluster.singleton.ClusterSingletonProxySettings;

/**
 * A node's way to the account singleton ({@link AccountDesk}) that also finds it again after it
 * restarted in place. Pekko's {@code ClusterSingletonProxy} looks the singleton up only when the
 * oldest node changes: when the singleton stops and starts again on the same node, as it does when
 * its lease is lost (a PostgreSQL outage) and taken again, the proxy buffers every message from
 * then on and never delivers one. This link forwards through such a proxy, watches the desk
 * instance the proxy reaches ({@link AccountDesk.Locate} through it, answered by the instance), and
 * when that instance ends replaces the proxy with a fresh one, which looks the singleton up again.
 * Messages the old proxy still buffered are dropped: the desk's users repeat theirs (registrations
 * retry, asks time out and are asked again).
 */
public final class DeskLink {
  private record Found(AccountDesk.Here here) {}

  private record Gone(ActorRef<AccountDesk.Command> instance) {}

  private enum Tick { INSTANCE }

  private static final String TICK = "locate";

  private final ActorContext<Object> ctx;
  private final TimerScheduler<Object> timers;
  private final String singletonName;
  private final Duration locateEvery;
  private final ActorRef<AccountDesk.Here> answers;
  private org.apache.pekko.actor.ActorRef proxy;
  private int generation;
  private ActorRef<AccountDesk.Command> instance;

  private DeskLink(ActorContext<Object> ctx, TimerScheduler<Object> timers, String singletonName,
      Duration locateEvery) {
    this.ctx = ctx;
    this.timers = timers;
    this.singletonName = singletonName;
    this.locateEvery = locateEvery;
    this.answers = ctx.messageAdapter(AccountDesk.Here.class, Found::new);
    ctx.setLoggerName(DeskLink.class);
    newProxy();
  }

  /**
   * The link to the account singleton {@code singletonName} (as given to
   * {@code ClusterSingleton.init}, no role); hand its users {@code link.narrow()}.
   *
   * @param locateEvery how often to ask again, while no instance answered, which one the proxy reaches
   */
  public static Behavior<Object> create(String singletonName, Duration locateEvery) {
    return Behaviors.setup(ctx -> Behaviors.withTimers(timers ->
        new DeskLink(ctx, timers, singletonName, locateEvery).behavior()));
  }

  private void newProxy() {
    generation++;
    // Where typed ClusterSingleton.init puts the manager of singleton "name".
    proxy = Adapter.actorOf(ctx, ClusterSingletonProxy.props("/system/singletonManager" + singletonName,
        ClusterSingletonProxySettings.create(Adapter.toClassic(ctx.getSystem())).withSingletonName(singletonName)),
        "proxy-" + generation);
    timers.startTimerWithFixedDelay(TICK, Tick.INSTANCE, Duration.ZERO, locateEvery);
  }

  private Behavior<Object> behavior() {
    return Behaviors.receive(Object.class)
        .onMessageEquals(Tick.INSTANCE, () -> {
          if (instance == null) {
            // Buffered by the proxy until it knows the singleton.
            proxy.tell(new AccountDesk.Locate(answers), org.apache.pekko.actor.ActorRef.noSender());
          }
          return Behaviors.same();
        })
        .onMessage(Found.class, m -> {
          // A late answer from an instance that already ended is watched too and ends at once.
          if (instance == null) {
            instance = m.here().desk();
            ctx.watchWith(instance, new Gone(instance));
            timers.cancel(TICK);
            ctx.getLog().info("account singleton {} reached at {}", singletonName, instance.path());
          }
          return Behaviors.same();
        })
        .onMessage(Gone.class, m -> {
          if (m.instance().equals(instance)) {
            ctx.getLog().info("account singleton {} at {} ended; looking for its next instance", singletonName,
                instance.path());
            instance = null;
            proxy.tell(PoisonPill.getInstance(), org.apache.pekko.actor.ActorRef.noSender());
            newProxy();
          }
          return Behaviors.same();
        })
        .onAnyMessage(m -> {
          proxy.tell(m, org.apache.pekko.actor.ActorRef.noSender());
          return Behaviors.same();
        })
        .build();
  }
}
