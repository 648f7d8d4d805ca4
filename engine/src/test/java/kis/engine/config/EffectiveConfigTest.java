package kis.engine.config;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import org.junit.jupiter.api.Test;

class EffectiveConfigTest {
  @Test
  void secretsAreRedactedAndTheRestIsShown() {
    String out = EffectiveConfig.render(ConfigFactory.parseString(String.join("\n",
        "kis { app-key = PSabcdef, app-secret = \"s3cr3t\", account = \"12345678-01\", mode = sim }",
        "kis-sim.credentials { app-key = K1, app-secret = S1, cano = \"87654321\" }",
        "kis.alerts.webhook-url = \"https://hooks.example/T0/abc\"",
        "kis.alerts.telegram { chat-id = \"777\", bot-token = \"9:tgtok\" }",
        "kis.alerts.slack.webhook-url = \"https://hooks.slack.example/T1/slk\"",
        "kis.alerts.discord.webhook-url = \"https://discord.example/api/webhooks/1/dsc\"",
        "kis-trader.cluster.db { url = \"jdbc:postgresql://h/db?user=kis&password=pw9\", password = pw9 }",
        "kis-trader.data-dir = data",
        "pekko.loglevel = INFO")));
    for (String secret : new String[] {"PSabcdef", "s3cr3t", "12345678", "K1", "S1", "87654321", "hooks.example", "pw9", "tgtok", "slk", "dsc"}) {
      assertFalse(out.contains(secret), secret + " leaked:\n" + out);
    }
    assertTrue(out.contains("<redacted>"), out);
    assertTrue(out.contains("mode=sim") || out.contains("mode = sim") || out.contains("mode: sim")
        || out.contains("mode=\"sim\""), out);
    assertTrue(out.contains("data-dir"), out);
    assertFalse(out.contains("pekko"), out);
  }

  @Test
  void blankSecretsStayBlankSoTheUserSeesTheyAreUnset() {
    String out = EffectiveConfig.render(ConfigFactory.parseString("kis-sim.credentials.app-key = \"\""));
    assertFalse(out.contains("<redacted>"), out);
  }
}
