package kis.actors.risk;

import java.time.Instant;

/** The switch latched: working orders are to be cancelled and no new order goes out until an operator resets it. */
public record KillSwitchEngaged(String reason, String by, Instant recordedAt) implements KillSwitchEvent {}
