package kis.actors.risk;

import java.time.Instant;

/** An operator, named in {@code by}, released the latch. */
public record KillSwitchReset(String by, Instant recordedAt) implements KillSwitchEvent {}
