package kis.engine.config;

import java.time.Duration;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import kis.journal.Symbol;

/**
 * The online symbol catalog for {@code kis.mode = paper|real}: every symbol an agent is declared
 * for, looked up with KIS's stock info ({@code search-stock-info}) before anything starts. A symbol
 * KIS answers "nothing to show" for is not listed (the configuration check then refuses the start,
 * exit 2, naming the agent's key, its file and line, and the symbol); a lookup that fails (network,
 * token, any other KIS error, no answer in time) is {@link Unreachable}: the start fails (exit 1),
 * a symbol is never taken as known because nobody could ask.
 */
public final class KisSymbolCheck {
  /** Where the catalog comes from, as problems name it. */
  public static final String SOURCE = "KIS's stock info (search-stock-info): KIS does not know it";

  private KisSymbolCheck() {}

  /** KIS could not be asked. The message says which symbol and why; it never carries a secret. */
  public static final class Unreachable extends Exception {
    Unreachable(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /**
   * The catalog of the {@code symbols} KIS knows, asking {@code lookup} for each in turn (few
   * symbols, and KIS rate-limits), waiting at most {@code timeout} for each answer.
   */
  public static SymbolCatalog catalog(Collection<Symbol> symbols,
      Function<Symbol, ? extends CompletionStage<? extends Optional<?>>> lookup, Duration timeout) throws Unreachable {
    Set<Symbol> known = new TreeSet<>();
    for (Symbol s : new TreeSet<>(symbols)) {
      Optional<?> info;
      try {
        info = lookup.apply(s).toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      } catch (ExecutionException e) {
        Throwable c = e.getCause() == null ? e : e.getCause();
        throw new Unreachable("looking up " + s + " with KIS search-stock-info failed: " + c.getClass().getSimpleName()
            + (c.getMessage() == null ? "" : ": " + c.getMessage()), c);
      } catch (TimeoutException e) {
        throw new Unreachable("looking up " + s + " with KIS search-stock-info: no answer within " + timeout.toSeconds()
            + " s", e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new Unreachable("interrupted while looking up " + s + " with KIS search-stock-info", e);
      }
      if (info.isPresent()) {
        known.add(s);
      }
    }
    return SymbolCatalog.of(known, SOURCE);
  }
}
