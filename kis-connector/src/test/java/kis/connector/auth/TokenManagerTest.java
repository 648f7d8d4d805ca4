package kis.connector.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import kis.connector.KisApiException;
import kis.connector.Secret;
import kis.connector.testing.FakeClock;
import kis.connector.testing.FakeDelayer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenManagerTest {
  static final Duration LIFETIME = Duration.ofHours(24);
  static final Duration MIN_INTERVAL = Duration.ofSeconds(61);

  @TempDir Path dir;
  FakeClock clock;
  FakeDelayer delayer;
  RecordingIssuer issuer;

  /** Issues tok-1, tok-2, ... valid for 24 h from the fake clock; records when it was asked. */
  final class RecordingIssuer implements TokenIssuer {
    final List<Instant> issuedAt = new ArrayList<>();
    int tooFrequentAnswers;
    Duration lifetime = LIFETIME;

    @Override
    public CompletionStage<AccessToken> issueAccessToken() {
      issuedAt.add(clock.instant());
      if (tooFrequentAnswers > 0) {
        tooFrequentAnswers--;
        return CompletableFuture.failedFuture(new KisApiException("token issuance", 403, "EGW00133",
            "접근토큰 발급 잠시 후 다시 시도하세요(1분당 1회)"));
      }
      return CompletableFuture.completedFuture(
          new AccessToken(Secret.of("tok-" + issuedAt.size()), clock.instant().plus(lifetime)));
    }

    @Override
    public CompletionStage<Secret> issueApprovalKey() {
      return CompletableFuture.completedFuture(Secret.of("approval-" + clock.instant().getEpochSecond()));
    }
  }

  @BeforeEach
  void setUp() {
    clock = new FakeClock(Instant.parse("2026-11-24T00:00:00Z"));
    delayer = new FakeDelayer(clock);
    issuer = new RecordingIssuer();
  }

  TokenManager manager() {
    return new TokenManager(issuer, new TokenCache(dir, "http://127.0.0.1:9443", Secret.of("appkey")), clock, delayer,
        Duration.ofHours(1), MIN_INTERVAL, Duration.ofHours(20));
  }

  static String token(CompletionStage<AccessToken> s) {
    return s.toCompletableFuture().join().token().reveal();
  }

  @Test
  void reusesAValidTokenInsteadOfIssuingAgain() {
    TokenManager m = manager();
    assertEquals("tok-1", token(m.accessToken()));
    clock.advance(Duration.ofHours(10));
    assertEquals("tok-1", token(m.accessToken()));
    assertEquals(1, issuer.issuedAt.size());
  }

  @Test
  void aRestartReusesTheCachedTokenFromDisk() {
    assertEquals("tok-1", token(manager().accessToken()));
    clock.advance(Duration.ofMinutes(5));

    TokenManager restarted = manager();

    assertEquals("tok-1", token(restarted.accessToken()));
    assertEquals(1, issuer.issuedAt.size());
  }

  @Test
  void cacheFileIsOwnerOnlyAndNamedWithoutTheKey() throws Exception {
    TokenCache cache = new TokenCache(dir, "http://127.0.0.1:9443", Secret.of("appkey"));
    manager().accessToken();
    assertTrue(Files.isRegularFile(cache.file()));
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(cache.file())));
    assertFalse(cache.file().getFileName().toString().contains("appkey"));
  }

  @Test
  void refreshesProactivelyBeforeExpiryOnTheKstClock() {
    TokenManager m = manager();
    token(m.accessToken());
    clock.advance(LIFETIME.minus(Duration.ofMinutes(59)));  // inside the one-hour refresh window

    assertEquals("tok-2", token(m.accessToken()));
    assertEquals(2, issuer.issuedAt.size());
    assertTrue(delayer.waits().isEmpty(), "no waiting for a proactive refresh");
  }

  @Test
  void neverIssuesTwiceWithinAMinuteEvenAcrossARestart() {
    TokenManager m = manager();
    token(m.accessToken());
    AccessToken first = m.accessToken().toCompletableFuture().join();
    clock.advance(Duration.ofSeconds(10));

    TokenManager restarted = manager();
    String second = token(restarted.reissueAfterRejection(first));

    assertEquals("tok-2", second);
    Duration gap = Duration.between(issuer.issuedAt.get(0), issuer.issuedAt.get(1));
    assertTrue(gap.compareTo(MIN_INTERVAL) >= 0, "gap was " + gap);
  }

  @Test
  void insideTheRefreshWindowButWithinTheMinuteTheStillValidTokenIsUsedWithoutWaiting() {
    issuer.lifetime = Duration.ofMinutes(30);  // shorter than the one-hour refresh lead
    TokenManager m = manager();
    AccessToken first = m.accessToken().toCompletableFuture().join();
    clock.advance(Duration.ofSeconds(20));

    assertSame(first, m.accessToken().toCompletableFuture().join());
    assertEquals(1, issuer.issuedAt.size());
    assertTrue(delayer.waits().isEmpty());

    clock.advance(Duration.ofSeconds(45));  // now past the issuance interval
    assertEquals("tok-2", token(m.accessToken()));
  }

  @Test
  void anExpiredTokenWaitsForTheIntervalRatherThanBeingUsed() {
    issuer.lifetime = Duration.ofSeconds(90);
    TokenManager m = manager();
    AccessToken rejected = m.accessToken().toCompletableFuture().join();
    clock.advance(Duration.ofSeconds(5));
    token(m.reissueAfterRejection(rejected));  // tok-2, after waiting out the minute
    clock.advance(Duration.ofSeconds(50));     // tok-2 is now inside the 60 s expiry margin

    assertEquals("tok-3", token(m.accessToken()));
    List<Instant> at = issuer.issuedAt;
    for (int i = 1; i < at.size(); i++) {
      assertTrue(Duration.between(at.get(i - 1), at.get(i)).compareTo(MIN_INTERVAL) >= 0, "issuances " + at);
    }
  }

  @Test
  void reissueAfterRejectionHappensOnceForManyCallers() {
    TokenManager m = manager();
    AccessToken rejected = m.accessToken().toCompletableFuture().join();
    clock.advance(Duration.ofMinutes(2));

    String a = token(m.reissueAfterRejection(rejected));
    String b = token(m.reissueAfterRejection(rejected));

    assertEquals("tok-2", a);
    assertEquals("tok-2", b, "the second caller gets the replacement, not a third token");
    assertEquals(2, issuer.issuedAt.size());
  }

  @Test
  void egw00133FromAnotherProcessIsWaitedOutOnce() {
    issuer.tooFrequentAnswers = 1;
    TokenManager m = manager();

    assertEquals("tok-2", token(m.accessToken()));
    assertEquals(List.of(MIN_INTERVAL), delayer.waits());
  }

  @Test
  void statusSaysNoneThenValidUntilItsExpiryThenWaitingForTheMinuteWithItsEnd() {
    issuer.lifetime = Duration.ofSeconds(90);
    List<CompletableFuture<Void>> held = new ArrayList<>();
    // Waits are held until the test lets them go: the manager is seen while it waits out the minute.
    kis.connector.Delayer holding = d -> {
      if (d.isZero()) {
        return CompletableFuture.completedFuture(null);
      }
      CompletableFuture<Void> f = new CompletableFuture<>();
      held.add(f);
      return f;
    };
    TokenManager m = new TokenManager(issuer, new TokenCache(dir, "http://127.0.0.1:9443", Secret.of("appkey")), clock,
        holding, Duration.ofHours(1), MIN_INTERVAL, Duration.ofHours(20));
    assertEquals(new TokenManager.Status(TokenManager.Status.Level.NONE, null, null), m.status());

    Instant issued = clock.instant();
    m.accessToken().toCompletableFuture().join();
    assertEquals(new TokenManager.Status(TokenManager.Status.Level.VALID, issued.plusSeconds(90),
        issued.plus(MIN_INTERVAL)), m.status());

    clock.advance(Duration.ofSeconds(40)); // inside the 60 s expiry margin, and within the minute
    CompletableFuture<AccessToken> waiting = m.accessToken().toCompletableFuture();
    assertFalse(waiting.isDone());
    assertEquals(new TokenManager.Status(TokenManager.Status.Level.WAITING_ISSUANCE, null, issued.plus(MIN_INTERVAL)),
        m.status());

    clock.advance(Duration.ofSeconds(21));
    held.get(0).complete(null);
    assertEquals("tok-2", waiting.join().token().reveal());
    assertEquals(TokenManager.Status.Level.VALID, m.status().level());
  }

  @Test
  void approvalKeyIsCachedAndReissuedOnRejection() {
    TokenManager m = manager();
    Secret k1 = m.approvalKey().toCompletableFuture().join();
    clock.advance(Duration.ofHours(1));
    assertEquals(k1, m.approvalKey().toCompletableFuture().join());
    assertEquals(k1, manager().approvalKey().toCompletableFuture().join(), "from the disk cache");
    Secret k2 = m.reissueApprovalKey(k1).toCompletableFuture().join();
    assertNotEquals(k1, k2);
    clock.advance(Duration.ofHours(21));
    assertNotEquals(k2, m.approvalKey().toCompletableFuture().join(), "re-issued after its lifetime");
  }

  @Test
  void aSecondProcessWaitsForTheFirstsClaimedIssuanceAndTakesItsToken() {
    // Process A's request to KIS is on its way (not answered yet) when process B needs a token.
    CompletableFuture<AccessToken> kisAnswer = new CompletableFuture<>();
    int[] asked = {0};
    TokenIssuer slow = new TokenIssuer() {
      @Override
      public CompletionStage<AccessToken> issueAccessToken() {
        asked[0]++;
        return kisAnswer;
      }

      @Override
      public CompletionStage<Secret> issueApprovalKey() {
        return CompletableFuture.failedFuture(new AssertionError("not asked"));
      }
    };
    List<CompletableFuture<Void>> held = new ArrayList<>();
    List<Duration> steps = new ArrayList<>();
    kis.connector.Delayer holding = d -> {
      if (d.isZero()) {
        return CompletableFuture.completedFuture(null);
      }
      steps.add(d);
      CompletableFuture<Void> f = new CompletableFuture<>();
      held.add(f);
      return f;
    };
    TokenManager a = new TokenManager(slow, new TokenCache(dir, "http://127.0.0.1:9443", Secret.of("appkey")), clock,
        holding, Duration.ofHours(1), MIN_INTERVAL, Duration.ofHours(20));
    TokenManager b = new TokenManager(slow, new TokenCache(dir, "http://127.0.0.1:9443", Secret.of("appkey")), clock,
        holding, Duration.ofHours(1), MIN_INTERVAL, Duration.ofHours(20));
    CompletableFuture<AccessToken> forA = a.accessToken().toCompletableFuture();
    clock.advance(Duration.ofMillis(300));
    CompletableFuture<AccessToken> forB = b.accessToken().toCompletableFuture();
    assertEquals(1, asked[0], "B saw A's claim in the file and did not ask KIS");
    assertEquals(1, held.size(), "B waits a short step, not the whole minute");
    assertEquals(List.of(TokenManager.CLAIM_POLL), steps);

    kisAnswer.complete(new AccessToken(Secret.of("tok-A"), clock.instant().plus(LIFETIME)));
    clock.advance(TokenManager.CLAIM_POLL);
    held.get(0).complete(null);

    assertEquals("tok-A", forA.join().token().reveal());
    assertEquals("tok-A", forB.join().token().reveal(), "B took A's token from the shared cache");
    assertEquals(1, asked[0]);
    assertEquals(0, b.accessIssuances());
  }

  @Test
  void anUnreadableCacheIsIgnoredAndReplacedByAFreshToken() throws Exception {
    TokenCache cache = new TokenCache(dir, "http://127.0.0.1:9443", Secret.of("appkey"));
    Files.writeString(cache.file(), "{ not json");
    assertEquals("tok-1", token(manager().accessToken()));
    assertEquals("tok-1", cache.load().orElseThrow().accessToken().token().reveal());
  }

  @Test
  void anExpiredCachedTokenIsReissued() {
    issuer.lifetime = Duration.ofHours(2);
    assertEquals("tok-1", token(manager().accessToken()));
    clock.advance(Duration.ofHours(3));
    assertEquals("tok-2", token(manager().accessToken()));
  }
}
