package kis.actors.reconcile;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;
import kis.journal.calendar.SessionSchedule;
import kis.journal.AgentId;
import kis.journal.Venue;
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
   * How often a pending day roll is checked against the clock: a clock that jumps (a test's stepped
   * clock, the machine's clock corrected) or runs faster than the scheduler (a compressed test clock)
   * still rolls within this of the close, and one message a second costs the desk nothing.
   */
  public static final Duration ROLL_RECHECK = Duration.ofSeconds(1);

  /**
   * The day roll's timer, for a schedule that rolls days (nothing for an always-open simulator): when
   * the schedule's next roll after {@code rolledUpTo} ({@link SessionSchedule#nextRoll}: the whole
   * market's schedule rolls at every venue's close) is due, sends {@code roll} at once with the
   * venues' closes as of now ({@link SessionSchedule#closedBy}: per venue, the orders requested
   * before it are dead, so closes the engine slept through are covered too) and answers the instant
   * it covers, the owner's next {@code rolledUpTo}; until then sends {@code recheck} within
   * {@link #ROLL_RECHECK}, on which the owner calls this again.
   */
  public static <C> Optional<Instant> scheduleDayRoll(TimerScheduler<C> timers, SessionSchedule schedule, Clock clock,
      Instant rolledUpTo, BiFunction<LocalDate, Map<Venue, Instant>, C> roll, Supplier<C> recheck) {
    if (!schedule.rollsDays()) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    Instant due = schedule.nextRoll(rolledUpTo);
    if (!due.isAfter(now)) {
      // The day whose orders expire: the one that was current just before the close.
      timers.startSingleTimer(ROLL_TIMER, roll.apply(schedule.tradingDay(due.minusMillis(1)), schedule.closedBy(now)),
          Duration.ZERO);
      return Optional.of(now);
    }
    Duration in = Duration.between(now, due);
    timers.startSingleTimer(ROLL_TIMER, recheck.get(), in.compareTo(ROLL_RECHECK) < 0 ? in : ROLL_RECHECK);
    return Optional.empty();
  }

}
