package kis.connector;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigSyntax;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The secrets of one KIS account: app key and app secret (one pair per environment), the account
 * ({@code CANO} + {@code ACNT_PRDT_CD}) and the HTS id that keys execution notices. Loaded from the
 * environment or from a file kept outside the repository, never from {@code conf/}. Every part
 * except the two-digit product code is a {@link Secret}, and {@link #toString()} redacts them all.
 */
public record KisCredentials(Secret appKey, Secret appSecret, Secret cano, String acntPrdtCd, Secret htsId) {
  public static final String ENV_APP_KEY = "KIS_APP_KEY";
  public static final String ENV_APP_SECRET = "KIS_APP_SECRET";
  /** Account as {@code 12345678-01} (CANO, dash, ACNT_PRDT_CD). */
  public static final String ENV_ACCOUNT = "KIS_ACCOUNT";
  public static final String ENV_HTS_ID = "KIS_HTS_ID";

  private static final Pattern CANO = Pattern.compile("[0-9]{8}");
  private static final Pattern PRDT = Pattern.compile("[0-9]{2}");

  public KisCredentials {
    Objects.requireNonNull(appKey, "app key");
    Objects.requireNonNull(appSecret, "app secret");
    Objects.requireNonNull(cano, "account");
    Objects.requireNonNull(htsId, "HTS id");
    // The messages name the rule, never the value.
    if (!CANO.matcher(cano.reveal()).matches()) {
      throw new IllegalArgumentException("CANO must be the 8 leading digits of the account number");
    }
    if (acntPrdtCd == null || !PRDT.matcher(acntPrdtCd).matches()) {
      throw new IllegalArgumentException("ACNT_PRDT_CD must be 2 digits, e.g. 01");
    }
  }

  /** Builds credentials from an account written as {@code 12345678-01} (or {@code 1234567801}). */
  public static KisCredentials of(String appKey, String appSecret, String account, String htsId) {
    String digits = account == null ? "" : account.trim().replace("-", "");
    if (!digits.matches("[0-9]{10}")) {
      throw new IllegalArgumentException("account must look like 12345678-01 (8 + 2 digits)");
    }
    return new KisCredentials(Secret.of(appKey), Secret.of(appSecret), Secret.of(digits.substring(0, 8)),
        digits.substring(8), Secret.of(htsId));
  }

  /**
   * Credentials from {@code KIS_APP_KEY}, {@code KIS_APP_SECRET}, {@code KIS_ACCOUNT} and
   * {@code KIS_HTS_ID}; empty when none of them is set, an exception naming the missing variable
   * when only some are.
   */
  public static Optional<KisCredentials> fromEnvironment(Map<String, String> env) {
    String[] names = {ENV_APP_KEY, ENV_APP_SECRET, ENV_ACCOUNT, ENV_HTS_ID};
    boolean any = false;
    for (String n : names) {
      any |= present(env.get(n));
    }
    if (!any) {
      return Optional.empty();
    }
    for (String n : names) {
      if (!present(env.get(n))) {
        throw new IllegalArgumentException("environment variable " + n + " is not set");
      }
    }
    return Optional.of(of(env.get(ENV_APP_KEY), env.get(ENV_APP_SECRET), env.get(ENV_ACCOUNT), env.get(ENV_HTS_ID)));
  }

  /**
   * Credentials from a {@code .properties} or HOCON file kept outside the repository. Keys:
   * {@code app-key}, {@code app-secret}, {@code account}, {@code hts-id} (optionally inside a
   * {@code kis { }} block), or the environment-variable names.
   */
  public static KisCredentials fromFile(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("credentials file not found: " + file);
    }
    ConfigSyntax syntax = file.toString().endsWith(".properties") ? ConfigSyntax.PROPERTIES : ConfigSyntax.CONF;
    Config c = ConfigFactory.parseFile(file.toFile(), ConfigParseOptions.defaults().setSyntax(syntax));
    if (c.hasPath("kis") && c.getValue("kis").valueType() == com.typesafe.config.ConfigValueType.OBJECT) {
      c = c.getConfig("kis").withFallback(c);
    }
    return of(
        pick(c, file, "app-key", ENV_APP_KEY),
        pick(c, file, "app-secret", ENV_APP_SECRET),
        pick(c, file, "account", ENV_ACCOUNT),
        pick(c, file, "hts-id", ENV_HTS_ID));
  }

  private static String pick(Config c, Path file, String key, String envName) {
    for (String k : new String[] {key, envName}) {
      if (c.hasPath(k)) {
        return c.getString(k);
      }
    }
    throw new IllegalArgumentException("credentials file " + file + " has no " + key);
  }

  private static boolean present(String s) {
    return s != null && !s.isBlank();
  }

  /**
   * Whether an execution notice's {@code ACNT_NO} is this account: KIS sends CANO + ACNT_PRDT_CD
   * (10 digits) in the spec sample and CANO alone (8) in some observed frames.
   */
  public boolean ownsAccountNo(String acntNo) {
    String a = acntNo == null ? "" : acntNo.trim();
    return a.equals(cano.reveal()) || a.equals(cano.reveal() + acntPrdtCd);
  }

  @Override
  public String toString() {
    return "KisCredentials[appKey=***, appSecret=***, cano=***, acntPrdtCd=" + acntPrdtCd + ", htsId=***]";
  }
}
