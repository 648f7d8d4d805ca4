package kis.strategies.event;

import java.time.Instant;

/** A timer the strategy set with {@link kis.strategies.Intent.SetTimer} is due. */
public record TimerFired(String key, Instant time) implements StrategyEvent {}
