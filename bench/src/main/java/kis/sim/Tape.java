package kis.sim;

import kis.journal.Symbol;

/** Where the tick-to-order harness prints its trades: a simulator in the harness's JVM or one in its own. */
public interface Tape {
  /** One print of {@code qty} at {@code price}, framed and sent to every subscribed websocket, as a real trade. */
  void print(Symbol symbol, long price, long qty);
}
