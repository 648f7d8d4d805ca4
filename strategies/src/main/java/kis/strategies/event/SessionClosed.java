package kis.strategies.event;

import java.time.Instant;
import java.time.LocalDate;

/**
 * The regular session of {@code tradingDate} closed (15:30 KST after the closing auction). Orders
 * still working expire right after this event (KIS cancels them overnight); their
 * {@code OrderExpired} updates follow. Positions carry over to the next day. Orders placed from
 * now until the next {@link SessionOpened} are refused ({@code KRX_MARKET_CLOSED}); a strategy
 * that decides after the close (on daily bars or investor flows) keeps its decision and places
 * the order at the next open.
 */
public record SessionClosed(LocalDate tradingDate, Instant time) implements StrategyEvent {}
