package kis.adapter;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import kis.connector.record.RecordedFrame;
import kis.connector.ws.FrameParser;
import kis.connector.ws.KisFeedEvent;
import kis.connector.ws.MalformedFrameException;
import kis.journal.PrintSource;
import kis.strategies.event.MarketEvent;

/**
 * A recording's frames as the prints a live agent on {@code source}'s feed was handed, in the order
 * they arrived: each frame through the connector's {@link FrameParser} and {@link KisMarketData#trade},
 * the live engine's own path from a websocket frame to a strategy's {@code Trade}. What live drops
 * is dropped here too: frames that do not parse (counted), expected prices, empty prints, books
 * (the strategies are not handed books) and other feeds' prints.
 */
public final class ReplayedPrints {

  /**
   * @param prints the strategy's market events in arrival order
   * @param frames the recording's frames
   * @param unreadable frames the live engine would have skipped as malformed too
   */
  public record Replay(List<MarketEvent> prints, long frames, long unreadable) {
    public Replay {
      prints = List.copyOf(prints);
    }
  }

  private ReplayedPrints() {}

  public static Replay of(List<RecordedFrame> frames, PrintSource source) {
    List<MarketEvent> out = new ArrayList<>();
    long unreadable = 0;
    for (RecordedFrame f : frames) {
      List<KisFeedEvent> events;
      try {
        // Market-data frames are never encrypted: no TR's key is known, as none is needed.
        events = FrameParser.parse(f.frame(), trId -> Optional.empty());
      } catch (MalformedFrameException e) {
        unreadable++;
        continue;
      }
      for (KisFeedEvent e : events) {
        if (e instanceof KisFeedEvent.Trade t && KisMarketData.source(t.market()) == source) {
          KisMarketData.trade(t).ifPresent(out::add);
        }
      }
    }
    return new Replay(out, frames.size(), unreadable);
  }
}
