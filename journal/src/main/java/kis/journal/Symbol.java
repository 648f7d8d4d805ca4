package kis.journal;

import java.util.regex.Pattern;

/**
 * A KRX short code (단축코드) as KIS uses it in {@code PDNO} / {@code tr_key}: six digits for stocks
 * and ETFs, or {@code Q} plus six digits for ETNs.
 */
public record Symbol(String code) implements Comparable<Symbol> {
  private static final Pattern KRX_CODE = Pattern.compile("Q?[0-9A-Z]{6}");

  public Symbol {
    if (code == null || !KRX_CODE.matcher(code).matches()) {
      throw new IllegalArgumentException("not a KRX short code (6 characters, e.g. 005930): " + code);
    }
  }

  public static Symbol of(String code) {
    return new Symbol(code == null ? null : code.trim());
  }

  /**
   * The record's own equality, written out: strategies and the backtest compare an event's symbol on
   * every event, mostly with the very instance the data hands on, and the generated method goes
   * through method handles. The hash stays the generated one (the code's), so no map's order moves.
   */
  @Override
  public boolean equals(Object o) {
    return o == this || (o instanceof Symbol s && code.equals(s.code));
  }

  @Override
  public int hashCode() {
    return code.hashCode(); // what the generated method returns for the one component
  }

  @Override
  public int compareTo(Symbol o) {
    return code.compareTo(o.code);
  }

  @Override
  public String toString() {
    return code;
  }
}
