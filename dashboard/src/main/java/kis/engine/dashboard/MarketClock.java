package kis.engine.dashboard;

import java.time.ZonedDateTime;

/**
 * The KRX session phase and the current time in Asia/Seoul.
 *
 * @param phase e.g. {@code PRE_OPEN}, {@code CONTINUOUS}, {@code CLOSING_AUCTION}, {@code CLOSED}
 */
public record MarketClock(String phase, ZonedDateTime kst) {}
