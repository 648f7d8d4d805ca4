package kis.connector;

/** Which KIS environment the connector talks to. */
public enum KisMode {
  /** The embedded kis-sim on loopback: hosts must be given explicitly. */
  SIM,
  /** KIS paper trading (모의투자, "VTS"): paper TR ids, paper rate budget. */
  PAPER,
  /** The real account (실전). */
  REAL;

  public static KisMode parse(String s) {
    return switch (s.trim().toLowerCase(java.util.Locale.ROOT)) {
      case "sim" -> SIM;
      case "paper", "vts" -> PAPER;
      case "real", "prod" -> REAL;
      default -> throw new IllegalArgumentException("kis.mode must be sim, paper or real, not: " + s);
    };
  }
}
