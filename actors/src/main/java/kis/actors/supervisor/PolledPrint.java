package kis.actors.supervisor;

import java.time.Instant;

/**
 * A price of a feed that has no websocket registration, from KIS's REST quote ({@code inquire-price}):
 * the last price and the volume traded since the previous poll, as one print. Not a tick: the
 * prints between two polls are folded into it, so its {@code at} is when the answer came, and a
 * staleness judged on it is the poll's ({@link PollSchedule}).
 *
 * @param volume shares traded since the previous poll (positive)
 * @param cumulativeVolume the day's volume so far
 */
public record PolledPrint(MarketFeed feed, Instant at, long price, long volume, long cumulativeVolume) {}
