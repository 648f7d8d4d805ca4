package kis.bench;

import java.io.BufferedOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import kis.journal.Symbol;
import kis.sim.Tape;

/**
 * The tick-to-order harness's simulator in its own JVM ({@link TapeSim}), printing what the
 * harness writes down a pipe: one line, one {@code write}, per print. The harness's JVM pays that
 * write and no frame building; the simulator's garbage, GC pauses and threads are its own JVM's
 * (it still shares the cores, as a KIS feed handler on the same host would not).
 */
final class PipedTape implements Tape, AutoCloseable {
  private final SimChild child;
  private final OutputStream in;
  private final Map<Symbol, Long> prices = new HashMap<>();

  private PipedTape(SimChild child) {
    this.child = child;
    this.in = new BufferedOutputStream(child.input(), 256);
    for (String line : child.banner) {
      String[] f = line.trim().split("\\s+");
      if (f.length == 3 && f[0].equals("price")) {
        prices.put(Symbol.of(f[1]), Long.parseLong(f[2]));
      }
    }
  }

  /** Starts {@link TapeSim} on this JVM's class path in {@code dir}, reporting the last price of {@code symbols}. */
  static PipedTape start(Path dir, List<Symbol> symbols) throws Exception {
    // Absolute: the child runs in dir, and the harness is usually started with a relative bench.jar.
    String classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
        .map(e -> Path.of(e).toAbsolutePath().toString()).collect(Collectors.joining(File.pathSeparator));
    List<String> cmd = new ArrayList<>(List.of(EngineChild.java(), "-cp", classPath, TapeSim.class.getName()));
    symbols.forEach(s -> cmd.add(s.code()));
    return new PipedTape(SimChild.start(cmd, dir, Duration.ofSeconds(60)));
  }

  SimChild.Endpoint endpoint() {
    return child.endpoint;
  }

  /** The simulator's last price of {@code symbol} when it started. */
  long lastPrice(Symbol symbol) {
    Long p = prices.get(symbol);
    if (p == null) {
      throw new IllegalArgumentException("the simulator reported no price for " + symbol.code());
    }
    return p;
  }

  @Override
  public void print(Symbol symbol, long price, long qty) {
    try {
      in.write((symbol.code() + ' ' + price + ' ' + qty + '\n').getBytes(StandardCharsets.US_ASCII));
      in.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("the simulator's input closed", e);
    }
  }

  @Override
  public void close() {
    try {
      in.close();
    } catch (IOException ignored) {
      // the child is killed next in any case
    }
    child.close();
  }
}
