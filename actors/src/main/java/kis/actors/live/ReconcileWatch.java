package kis.actors.live;

import java.time.Clock;
import java.time.Duration;
import kis.actors.reconcile.ReconcileReport;
import kis.actors.reconcile.ReconcilerActor;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.pattern.StatusReply;

/**
 * Stands in front of the reconciler for everyone who asks it to run (supervisor, agent manager,
 * gateway, dashboard) and runs it periodically itself. Every run's outcome, a failure too, lands
 * in {@link ReconcileOutcomes}, once per run, from the reconciler's own {@link
 * ReconcilerActor.RunEnded} reports: so the runs it starts by itself (after an unrouted notice, a
 * queued rerun) count like the asked ones. A run not answered within {@code RUN_LIMIT} counts as
 * failed here. Answers go back to the asker unchanged; other commands pass through. Hand out
 * {@code watch.narrow()}.
 */
final class ReconcileWatch {
  /** Longer than any run: a run not answered by then counts as failed. */
  private static final Duration RUN_LIMIT = Duration.ofMinutes(3);

  private record Answered(ActorRef<StatusReply<ReconcileReport>> replyTo, StatusReply<ReconcileReport> reply,
      Throwable failure) {}

  private record Periodic() {}

  private ReconcileWatch() {}

  /** @param every periodic runs, none when zero */
  static Behavior<Object> create(ActorRef<ReconcilerActor.Command> reconciler, ReconcileOutcomes outcomes,
      Duration every, Clock clock) {
    return create(reconciler, outcomes, every, clock, null);
  }

  /** As above; {@code runs}, if not null, hears every run's {@link ReconcilerActor.RunEnded} too. */
  static Behavior<Object> create(ActorRef<ReconcilerActor.Command> reconciler, ReconcileOutcomes outcomes,
      Duration every, Clock clock, ActorRef<ReconcilerActor.RunEnded> runs) {
    return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> {
      if (!every.isZero()) {
        timers.startTimerWithFixedDelay("periodic", new Periodic(), every);
      }
      ActorRef<StatusReply<ReconcileReport>> ignore = ctx.getSystem().ignoreRef();
      reconciler.tell(new ReconcilerActor.ReportRuns(ctx.getSelf().narrow()));
      return Behaviors.receive(Object.class)
          .onMessage(ReconcilerActor.RunNow.class, m -> {
            run(ctx, reconciler, m.replyTo());
            return Behaviors.same();
          })
          .onMessage(Periodic.class, m -> {
            run(ctx, reconciler, ignore);
            return Behaviors.same();
          })
          .onMessage(Answered.class, a -> {
            if (a.failure() != null) {
              // A run that never ends sends no RunEnded either.
              outcomes.failed(clock.instant(), "no answer within " + RUN_LIMIT + ": " + a.failure());
            } else {
              a.replyTo().tell(a.reply());
            }
            return Behaviors.same();
          })
          .onMessage(ReconcilerActor.RunEnded.class, r -> {
            if (runs != null) {
              runs.tell(r);
            }
            if (r.succeeded()) {
              outcomes.succeeded(clock.instant());
            } else {
              outcomes.failed(clock.instant(), "reconciliation failed: " + r.failure().orElse("unknown"));
            }
            return Behaviors.same();
          })
          .onMessage(ReconcilerActor.Command.class, m -> {
            reconciler.tell(m);
            return Behaviors.same();
          })
          .build();
    }));
  }

  private static void run(org.apache.pekko.actor.typed.javadsl.ActorContext<Object> ctx,
      ActorRef<ReconcilerActor.Command> reconciler, ActorRef<StatusReply<ReconcileReport>> replyTo) {
    ctx.pipeToSelf(AskPattern.<ReconcilerActor.Command, StatusReply<ReconcileReport>>ask(reconciler,
            ReconcilerActor.RunNow::new, RUN_LIMIT, ctx.getSystem().scheduler()),
        (reply, failure) -> new Answered(replyTo, reply, failure));
  }
}
