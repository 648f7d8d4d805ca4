package kis.sim;

/**
 * Which KIS server the simulator imitates: the paper-trading server ("VTS", 모의투자) or the real
 * one. The flavour selects TR ids, message codes, page sizes and the real-only endpoints
 * (shared/kis-api.md §3.4, §6.4).
 */
public enum Flavour {
  VTS,
  REAL;

  /** The TR id this flavour uses for a real-server TR id (paper swaps a leading T/J/C for V). */
  public String trId(String realTrId) {
    if (this == VTS && "TJC".indexOf(realTrId.charAt(0)) >= 0) {
      return "V" + realTrId.substring(1);
    }
    return realTrId;
  }

  boolean paper() {
    return this == VTS;
  }

  int balancePageSize() {
    return paper() ? 20 : 50;
  }

  int dailyCcldPageSize() {
    return paper() ? 15 : 100;
  }

  /** REST requests per second per app key that KIS allows (2026-04-20 figures, §6.1). */
  public int kisRateLimit() {
    return paper() ? 1 : 18;
  }
}
