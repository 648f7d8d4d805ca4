package kis.strategies.event;

import java.time.Instant;
import java.time.LocalDate;

/** The regular session of {@code tradingDate} opened (09:00 KST on a normal day). */
public record SessionOpened(LocalDate tradingDate, Instant time) implements StrategyEvent {}
