package kis.strategies.event;

import java.time.Instant;
import java.time.LocalDate;

/**
 * The regular session of {@code tradingDate} closed (15:30 KST after the closing auction). Orders
 * still working expire right after this event (KIS cancels them overnight); their
 * {@code OrderExpired} updates follow. Positions carry over to the next day.
 */
public record SessionClosed(LocalDate tradingDate, Instant time) implements StrategyEvent {}
