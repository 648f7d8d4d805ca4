package kis.sim;

import java.security.SecureRandom;

/**
 * The credentials the simulator accepts. They are the simulator's own throwaway values, but they
 * still never appear in {@link #toString()} so that a client that logs its configuration by
 * habit does not learn to leak real ones.
 *
 * @param appKey 36 characters, as KIS issues
 * @param appSecret 180 characters, as KIS issues
 * @param cano the 8-digit account number (paper accounts start with 50)
 * @param acntPrdtCd the 2-digit product code, {@code 01} for a stock account
 * @param htsId the HTS id execution notices are subscribed with
 */
public record SimCredentials(String appKey, String appSecret, String cano, String acntPrdtCd, String htsId) {
  private static final String ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

  public SimCredentials {
    if (appKey == null || appKey.isBlank() || appSecret == null || appSecret.isBlank()) {
      throw new IllegalArgumentException("app key and app secret are required");
    }
    if (cano == null || !cano.matches("[0-9]{8}") || acntPrdtCd == null || !acntPrdtCd.matches("[0-9]{2}")) {
      throw new IllegalArgumentException("account must be 8 + 2 digits");
    }
    if (htsId == null || htsId.isBlank()) {
      throw new IllegalArgumentException("HTS id is required");
    }
  }

  /** Fresh random credentials shaped like KIS's: a paper account {@code 50xxxxxx-01}. */
  public static SimCredentials generate(String htsId) {
    SecureRandom rnd = new SecureRandom();
    String cano = "50" + String.format("%06d", rnd.nextInt(1_000_000));
    return new SimCredentials("PS" + random(rnd, 34), random(rnd, 180), cano, "01", htsId);
  }

  private static String random(SecureRandom rnd, int n) {
    StringBuilder sb = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      sb.append(ALNUM.charAt(rnd.nextInt(ALNUM.length())));
    }
    return sb.toString();
  }

  /** The 10-digit account number as execution notices carry it (CANO + product code). */
  public String accountNo() {
    return cano + acntPrdtCd;
  }

  @Override
  public String toString() {
    return "SimCredentials[appKey=***, appSecret=***, cano=***, acntPrdtCd=" + acntPrdtCd + ", htsId=***]";
  }
}
