package kis.sim;

import java.util.List;
import kis.journal.Symbol;
import kis.journal.Venue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Saves the simulator's state before each execution notice goes on to the websocket hub. A
 * client (the engine) can learn of an order or a fill only through a notice, the REST reply that
 * follows it, or an inquiry made after it; so whatever a client has journaled is already in the
 * state file when the simulator is killed, and a restart meets the account the client's books
 * describe. Market data passes straight through: prices are saved periodically.
 *
 * <p>Called under the exchange's lock, as every {@link Exchange.Listener}.
 */
final class WriteAheadNotices implements Exchange.Listener {
  private static final Logger LOG = LoggerFactory.getLogger(WriteAheadNotices.class);

  private final Exchange.Listener next;
  private final Runnable save;

  WriteAheadNotices(Exchange.Listener next, Runnable save) {
    this.next = next;
    this.save = save;
  }

  @Override
  public void onTrades(Symbol symbol, Venue book, List<String> records) {
    next.onTrades(symbol, book, records);
  }

  @Override
  public void onBook(Symbol symbol, Venue book, String record) {
    next.onBook(symbol, book, record);
  }

  @Override
  public void onNotice(ExecutionNotice notice) {
    try {
      save.run();
    } catch (RuntimeException e) {
      // The simulator trades on (a full disk must not freeze the market); the next save that
      // succeeds catches the file up. Said loudly: a restart before then loses this change.
      LOG.error("kis-sim could not save its state before an execution notice; a restart now would lose it", e);
    }
    next.onNotice(notice);
  }
}
