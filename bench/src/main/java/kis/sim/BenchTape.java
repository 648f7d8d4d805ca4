package kis.sim;

import java.lang.reflect.Field;
import java.util.List;
import kis.journal.Symbol;

/**
 * Prints straight into an embedded simulator's exchange, for the benchmarks: what
 * {@code POST /sim/trade} does, minus the HTTP round trip and the account JSON it answers with,
 * which would cost more than the 1 ms between prints at 1,000 prints/s. Lives in the simulator's
 * package (in the bench jar only) because {@code Exchange.trade} is package-private.
 */
public final class BenchTape implements Tape {
  private final Exchange exchange;

  public BenchTape(KisSimulator sim) {
    try {
      Field f = KisSimulator.class.getDeclaredField("exchange");
      f.setAccessible(true);
      this.exchange = (Exchange) f.get(sim);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("kis-sim's exchange is not where the bench expects it", e);
    }
  }

  @Override
  public void print(Symbol symbol, long price, long qty) {
    exchange.trade(symbol, List.of(new Instrument.Print(price, qty, true)));
  }
}
