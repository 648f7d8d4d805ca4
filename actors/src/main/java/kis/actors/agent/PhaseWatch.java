package kis.actors.agent;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import kis.journal.Venue;
import kis.journal.calendar.MarketPhase;
import kis.journal.calendar.SessionSchedule;
import kis.strategies.event.PhaseChanged;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

/**
 * The agent's venue's session phases for one strategy host: a timer at the venue schedule's next
 * change (at most a minute away, so a clock step is noticed) and the {@link PhaseChanged} it turns
 * into. Host actor only.
 */
final class PhaseWatch {
  private static final String TIMER = "phase";
  private static final Duration MAX_RECHECK = Duration.ofMinutes(1);

  private final Venue venue;
  private final SessionSchedule phases;
  private final Clock clock;
  private final TimerScheduler<StrategyHost.Command> timers;
  private MarketPhase phase;

  PhaseWatch(Venue venue, SessionSchedule phases, Clock clock, TimerScheduler<StrategyHost.Command> timers) {
    this.venue = venue;
    this.phases = phases;
    this.clock = clock;
    this.timers = timers;
  }

  /** Starts watching: the phase now, with no previous one. */
  PhaseChanged start() {
    Instant now = clock.instant();
    phase = phases.phaseAt(now);
    schedule(now);
    return new PhaseChanged(venue, phase, Optional.empty(), now);
  }

  /** The timer fired: the change to deliver, if the phase changed. */
  Optional<PhaseChanged> check() {
    Instant now = clock.instant();
    MarketPhase next = phases.phaseAt(now);
    schedule(now);
    if (next == phase) {
      return Optional.empty();
    }
    MarketPhase before = phase;
    phase = next;
    return Optional.of(new PhaseChanged(venue, next, Optional.of(before), now));
  }

  private void schedule(Instant now) {
    Duration d = Duration.between(now, phases.nextChange(now));
    if (d.compareTo(MAX_RECHECK) > 0) {
      d = MAX_RECHECK;
    }
    timers.startSingleTimer(TIMER, new StrategyHost.PhaseCheck(), d.isNegative() ? Duration.ZERO : d);
  }
}
