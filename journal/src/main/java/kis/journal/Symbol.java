package kis.journal;

/**
 * A KRX short code (단축코드) as KIS uses it in {@code PDNO} / {@code tr_key}: six digits for stocks
 * and ETFs, or {@code Q} plus six digits for ETNs.
 */
public record Symbol(String code) implements Comparable<Symbol> {
  public Symbol {
    if (!isKrxCode(code)) {
      throw new IllegalArgumentException("not a KRX short code (6 characters, e.g. 005930): " + code);
    }
  }

  /**
   * Whether {@code code} matches {@code Q?[0-9A-Z]{6}}, checked by hand: the live feed makes a
   * symbol several times per trade frame, and a regex matcher per check was 2 % of the engine's
   * allocation at 1,000 prints/s (bench/README, tick4).
   */
  static boolean isKrxCode(String code) {
    if (code == null || (code.length() != 6 && code.length() != 7) || (code.length() == 7 && code.charAt(0) != 'Q')) {
      return false;
    }
    for (int i = code.length() - 6; i < code.length(); i++) {
      char c = code.charAt(i);
      if (!(c >= '0' && c <= '9') && !(c >= 'A' && c <= 'Z')) {
        return false;
      }
    }
    return true;
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
