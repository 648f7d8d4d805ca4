package kis.actors.reconcile;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import kis.journal.calendar.SessionSchedule;
import kis.journal.AgentId;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

/**
 * "Reconcile, then enable trading", written once for whoever owns the agents of an account (the
 * single node's agent manager, the account desk): one run at a time, a request during a run makes
 * one more run after it (so agents that appeared meanwhile are covered), a failed run is asked
 * again after {@link #RETRY}. The owner enables trading for the {@link Outcome#covered()} agents
 * of a successful run. Also the day roll's timer: the session end of the schedule's trading day.
 * Used from the owning actor only.
 *
 * @param <C> the owner's command type
 */
public final class ReconcileRounds<C> {
  /** How long after a failed run the next one is asked. */
  public static final Duration RETRY = Duration.ofSeconds(5);
  private static final Duration RUN_LIMIT = Duration.ofSeconds(60);
  private static final String RETRY_TIMER = "reconcile";
  private static final String ROLL_TIMER = "day-roll";

  /**
   * How a run ended.
   *
   * @param covered the journal ids the run saw (asked of the directory when it started)
   */
  public record Outcome(boolean ok, String detail, Set<AgentId> covered) {}

  private final ActorContext<C> ctx;
  private final TimerScheduler<C> timers;
  private final ActorRef<ReconcilerActor.Command> reconciler;
  private final Supplier<Set<AgentId>> directory;
  private final Function<Outcome, C> ended;
  private final Supplier<C> again;
  private boolean running;
  private boolean runAgain;

  /**
   * @param directory the agents a run starting now will see
   * @param ended wraps a run's outcome into the owner's command; the owner hands it to {@link #ended}
   * @param again the owner's command that calls {@link #request} (the retry timer sends it)
   */
  public ReconcileRounds(ActorContext<C> ctx, TimerScheduler<C> timers, ActorRef<ReconcilerActor.Command> reconciler,
      Supplier<Set<AgentId>> directory, Function<Outcome, C> ended, Supplier<C> again) {
    this.ctx = ctx;
    this.timers = timers;
    this.reconciler = reconciler;
    this.directory = directory;
    this.ended = ended;
    this.again = again;
  }

  /** A run now, or one more after the run in progress. */
  public void request() {
    if (running) {
      runAgain = true;
      return;
    }
    running = true;
    runAgain = false;
    Set<AgentId> covered = Set.copyOf(directory.get());
    ctx.<ReconcilerActor.Command, ReconcileReport>askWithStatus(ReconcileReport.class, reconciler, RUN_LIMIT,
        ReconcilerActor.RunNow::new,
        (report, err) -> ended.apply(err == null ? new Outcome(true, String.valueOf(report), covered)
            : new Outcome(false, String.valueOf(err.getMessage()), covered)));
  }

  /**
   * The owner got {@code o} (through its {@code ended} command): a failure is asked again after
   * {@link #RETRY}, a request made during the run runs now. Returns {@code o.ok()}: whether the
   * owner may enable trading for {@code o.covered()}.
   */
  public boolean ended(Outcome o) {
    running = false;
    if (!o.ok()) {
      ctx.getLog().warn("reconciliation failed ({}); retrying in {}", o.detail(), RETRY);
      timers.startSingleTimer(RETRY_TIMER, again.get(), RETRY);
      return false;
    }
    if (runAgain) {
      request();
    }
    return true;
  }

  /**
   * Sends {@code roll} of the trading day now at that day's session end (at once if it is past);
   * nothing when the schedule never rolls days (an always-open simulator). Call again after each roll.
   */
  public static <C> void scheduleDayRoll(TimerScheduler<C> timers, SessionSchedule schedule, Clock clock,
      Function<LocalDate, C> roll) {
    if (!schedule.rollsDays()) {
      return;
    }
    Instant now = clock.instant();
    Duration in = Duration.between(now, schedule.sessionEnd(now));
    timers.startSingleTimer(ROLL_TIMER, roll.apply(schedule.tradingDay(now)), in.isNegative() ? Duration.ZERO : in);
  }
}
