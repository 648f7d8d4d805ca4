package kis.connector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KisCredentialsTest {
  static final String KEY = "PSabcdefghijklmnopqrstuvwxyz0123456";
  static final String SECRET = "s3cr3t-" + "x".repeat(100);

  @Test
  void loadsFromTheEnvironmentAndSplitsTheAccount() {
    KisCredentials c = KisCredentials.fromEnvironment(Map.of(
        "KIS_APP_KEY", KEY, "KIS_APP_SECRET", SECRET, "KIS_ACCOUNT", "50012345-01", "KIS_HTS_ID", "htsuser01"))
        .orElseThrow();
    assertEquals(KEY, c.appKey().reveal());
    assertEquals("50012345", c.cano().reveal());
    assertEquals("01", c.acntPrdtCd());
    assertEquals("htsuser01", c.htsId().reveal());
  }

  @Test
  void noVariablesMeansNoCredentialsButSomeMeansAnError() {
    assertTrue(KisCredentials.fromEnvironment(Map.of()).isEmpty());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> KisCredentials.fromEnvironment(Map.of("KIS_APP_KEY", KEY)));
    assertTrue(e.getMessage().contains("KIS_APP_SECRET"));
    assertFalse(e.getMessage().contains(KEY));
  }

  @Test
  void loadsFromAPropertiesOrHoconFile(@TempDir Path dir) throws Exception {
    Path props = dir.resolve("kis.properties");
    Files.writeString(props, "app-key=" + KEY + "\napp-secret=" + SECRET + "\naccount=50012345-01\nhts-id=htsuser01\n");
    Path conf = dir.resolve("kis.conf");
    Files.writeString(conf, "kis { app-key = \"" + KEY + "\", app-secret = \"" + SECRET
        + "\", account = \"5001234501\", hts-id = htsuser01 }");

    assertEquals(KisCredentials.fromFile(props), KisCredentials.fromFile(conf));
  }

  @Test
  void recognisesItsAccountInEitherNoticeForm() {
    KisCredentials c = KisCredentials.of(KEY, SECRET, "50012345-01", "htsuser01");
    assertTrue(c.ownsAccountNo("5001234501"));
    assertTrue(c.ownsAccountNo("50012345"));
    assertFalse(c.ownsAccountNo("5001234502"));
    assertFalse(c.ownsAccountNo("50099999"));
  }

  @Test
  void toStringAndValidationMessagesNeverShowSecrets() {
    KisCredentials c = KisCredentials.of(KEY, SECRET, "50012345-01", "htsuser01");
    String s = c.toString();
    for (String secret : new String[] {KEY, SECRET, "50012345", "htsuser01"}) {
      assertFalse(s.contains(secret), s);
    }
    assertEquals("***", c.appKey().toString());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> KisCredentials.of(KEY, SECRET, "5001234-01", "htsuser01"));
    assertFalse(e.getMessage().contains("5001234"));
  }
}
