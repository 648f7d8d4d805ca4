package kis.actors.risk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit.CommandResultWithReply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class KillSwitchTest {
  static final ActorTestKit testKit =
      ActorTestKit.create(kis.actors.agent.AgentTestKits.config().withFallback(ConfigFactory.load()));
  static final Instant T = Instant.parse("2026-11-24T02:00:00Z");

  final TestProbe<CancelAllWorkingOrders> cancels = testKit.createTestProbe();
  final EventSourcedBehaviorTestKit<KillSwitch.Command, KillSwitchEvent, KillSwitchState> ks =
      EventSourcedBehaviorTestKit.create(testKit.system(),
          KillSwitch.create("acct", cancels.getRef(), Clock.fixed(T, ZoneId.of("Asia/Seoul"))));

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  @BeforeEach
  void clear() {
    ks.clear();
  }

  CommandResultWithReply<KillSwitch.Command, KillSwitchEvent, KillSwitchState, StatusReply<KillSwitchState>> engage(
      String by) {
    return ks.runCommand(r -> new KillSwitch.Engage("daily loss", by, r));
  }

  CommandResultWithReply<KillSwitch.Command, KillSwitchEvent, KillSwitchState, StatusReply<KillSwitchState>> reset(
      String by) {
    return ks.runCommand(r -> new KillSwitch.Reset(by, r));
  }

  @Test
  void engagingLatchesJournalsAndOrdersACancelAll() {
    var r = engage("risk:daily-loss");
    assertEquals(new KillSwitchEngaged("daily loss", "risk:daily-loss", T), r.event());
    assertTrue(r.reply().isSuccess());
    assertTrue(r.state().engaged());
    assertEquals(new CancelAllWorkingOrders("daily loss", T), cancels.receiveMessage());
  }

  @Test
  void theLatchSurvivesARestartAndTheCancelAllIsSentAgain() {
    engage("ops-kim");
    cancels.receiveMessage();
    var restarted = ks.restart();
    assertTrue(restarted.state().engaged());
    assertEquals("ops-kim", restarted.state().engagedBy());
    assertEquals(new CancelAllWorkingOrders("daily loss", T), cancels.receiveMessage());
  }

  @Test
  void onlyAnExplicitNamedResetReleasesIt() {
    engage("ops-kim");
    cancels.receiveMessage();
    var anonymous = reset(" ");
    assertTrue(anonymous.reply().isError());
    assertTrue(anonymous.hasNoEvents());
    assertTrue(ks.getState().engaged());

    var r = reset("ops-lee");
    assertEquals(new KillSwitchReset("ops-lee", T), r.event());
    assertFalse(r.state().engaged());
    assertEquals("ops-lee", r.state().resetBy());
    assertEquals("daily loss", r.state().reason()); // the audit trail stays

    var restarted = ks.restart();
    assertFalse(restarted.state().engaged());
    cancels.expectNoMessage(Duration.ofMillis(100)); // a released switch cancels nothing on restart
  }

  @Test
  void resettingAReleasedSwitchIsAnErrorAndJournalsNothing() {
    var r = reset("ops-lee");
    assertTrue(r.reply().isError());
    assertTrue(r.hasNoEvents());
  }

  @Test
  void engagingTwiceJournalsOnceButCancelsAgain() {
    engage("ops-kim");
    cancels.receiveMessage();
    var again = engage("ops-park");
    assertTrue(again.hasNoEvents());
    assertEquals("ops-kim", again.state().engagedBy());
    assertEquals(new CancelAllWorkingOrders("daily loss", T), cancels.receiveMessage());
  }

  @Test
  void engagingNeedsAName() {
    var r = engage("");
    assertTrue(r.reply().isError());
    assertTrue(r.hasNoEvents());
    cancels.expectNoMessage(Duration.ofMillis(50));
  }

  @Test
  void aFreshSwitchIsOffAndSendsNothingOnStart() {
    assertEquals(KillSwitchState.OFF, ks.getState());
    assertFalse(ks.restart().state().engaged());
    cancels.expectNoMessage(Duration.ofMillis(50));
  }
}
