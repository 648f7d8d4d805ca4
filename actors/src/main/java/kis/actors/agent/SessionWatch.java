package kis.actors.agent;

import kis.journal.calendar.SessionSchedule;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;
import kis.strategies.event.SessionClosed;
import kis.strategies.event.SessionOpened;
import kis.strategies.event.StrategyEvent;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

/**
 * The session's open and close for one strategy host: a timer (at the schedule's next change, at
 * most a minute away so a clock step is noticed) and the {@code SessionOpened}/{@code SessionClosed}
 * it turns into. Host actor only.
 */
final class SessionWatch {
  private static final String TIMER = "session";
  private static final Duration MAX_RECHECK = Duration.ofMinutes(1);

  private final SessionSchedule schedule;
  private final Clock clock;
  private final ZoneId zone;
  private final TimerScheduler<StrategyHost.Command> timers;
  private boolean open;

  SessionWatch(SessionSchedule schedule, Clock clock, ZoneId zone, TimerScheduler<StrategyHost.Command> timers) {
    this.schedule = schedule;
    this.clock = clock;
    this.zone = zone;
    this.timers = timers;
  }

  /** Starts watching; the {@code SessionOpened} to deliver if the session is already open. */
  Optional<StrategyEvent> start() {
    Instant now = clock.instant();
    open = schedule.isOpen(now);
    schedule();
    return open ? Optional.of(new SessionOpened(schedule.tradingDay(now), now)) : Optional.empty();
  }

  /** The timer fired: the event to deliver if the session opened or closed. */
  Optional<StrategyEvent> check() {
    Instant now = clock.instant();
    boolean isOpen = schedule.isOpen(now);
    schedule();
    if (isOpen == open) {
      return Optional.empty();
    }
    open = isOpen;
    LocalDate day = isOpen ? schedule.tradingDay(now) : now.atZone(zone).toLocalDate();
    return Optional.of(isOpen ? new SessionOpened(day, now) : new SessionClosed(day, now));
  }

  boolean open() {
    return open;
  }

  private void schedule() {
    Instant now = clock.instant();
    Duration d = Duration.between(now, schedule.nextChange(now));
    if (d.compareTo(MAX_RECHECK) > 0) {
      d = MAX_RECHECK;
    }
    timers.startSingleTimer(TIMER, new StrategyHost.SessionCheck(), d.isNegative() ? Duration.ZERO : d);
  }
}
