package kis.engine.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ControlRequestCheckTest {
  private static final String TOKEN = "test-token-0123456789abcdef";
  private static final ControlToken T = ControlToken.of(TOKEN);
  private static final Optional<String> HOST = Optional.of("127.0.0.1:8686");

  private static Optional<ControlRefusal> check(Optional<String> auth, boolean query, Optional<String> origin,
      Optional<String> site) {
    return ControlRequestCheck.check(new ControlRequestCheck.Request(auth, query, origin, site, HOST), T);
  }

  private static Optional<String> bearer(String t) {
    return Optional.of("Bearer " + t);
  }

  @Test
  void aBearerHeaderWithTheTokenAndNoBrowserHeadersPasses() {
    assertEquals(Optional.empty(), check(bearer(TOKEN), false, Optional.empty(), Optional.empty()));
    assertEquals(Optional.empty(), check(Optional.of("bearer " + TOKEN), false, Optional.empty(), Optional.empty()),
        "the scheme is case-insensitive");
  }

  @Test
  void theTokenInTheQueryIsNeverTakenForAControlEvenWhenRight() {
    assertEquals(Optional.of(ControlRefusal.TOKEN_IN_QUERY), check(Optional.empty(), true, Optional.empty(),
        Optional.empty()));
  }

  @Test
  void noOrAWrongOrANonBearerTokenIsRefused() {
    assertEquals(Optional.of(ControlRefusal.NO_TOKEN), check(Optional.empty(), false, Optional.empty(), Optional.empty()));
    assertEquals(Optional.of(ControlRefusal.NO_TOKEN), check(Optional.of("Basic " + TOKEN), false, Optional.empty(),
        Optional.empty()));
    assertEquals(Optional.of(ControlRefusal.BAD_TOKEN), check(bearer("x" + TOKEN), false, Optional.empty(),
        Optional.empty()));
  }

  @Test
  void anOriginOtherThanTheDashboardsOwnHostAndPortIsRefusedEvenWithTheToken() {
    assertEquals(Optional.of(ControlRefusal.CROSS_SITE), check(bearer(TOKEN), false,
        Optional.of("https://evil.example"), Optional.empty()));
    assertEquals(Optional.of(ControlRefusal.CROSS_SITE), check(bearer(TOKEN), false,
        Optional.of("http://127.0.0.1:3000"), Optional.empty()), "another port is another application");
    assertEquals(Optional.of(ControlRefusal.CROSS_SITE), check(bearer(TOKEN), false, Optional.of("null"),
        Optional.empty()), "a sandboxed frame or a file: page");
    assertEquals(Optional.empty(), check(bearer(TOKEN), false, Optional.of("http://127.0.0.1:8686"),
        Optional.of("same-origin")));
  }

  @Test
  void secFetchSiteCrossSiteOrSameSiteIsRefusedAndSameOriginOrNonePasses() {
    assertEquals(Optional.of(ControlRefusal.CROSS_SITE), check(bearer(TOKEN), false, Optional.empty(),
        Optional.of("cross-site")));
    assertEquals(Optional.of(ControlRefusal.CROSS_SITE), check(bearer(TOKEN), false, Optional.empty(),
        Optional.of("same-site")));
    assertEquals(Optional.empty(), check(bearer(TOKEN), false, Optional.empty(), Optional.of("none")));
  }

  @Test
  void sameOriginComparesHostAndEffectivePort() {
    assertTrue(ControlRequestCheck.sameOrigin("http://localhost:8686", "LOCALHOST:8686"));
    assertTrue(ControlRequestCheck.sameOrigin("http://dash.internal", "dash.internal"));
    assertTrue(ControlRequestCheck.sameOrigin("http://[::1]:8686", "[::1]:8686"));
    assertFalse(ControlRequestCheck.sameOrigin("http://localhost:8686", "127.0.0.1:8686"));
    assertFalse(ControlRequestCheck.sameOrigin("https://dash.internal", "dash.internal"), "443 is not 80");
    assertFalse(ControlRequestCheck.sameOrigin("http://127.0.0.1:8686", ""), "no Host, no match");
  }
}
