package kis.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.OptionalLong;
import kis.bench.RestartMarks.Phase;
import org.junit.jupiter.api.Test;

/** The console lines of a restart of {@code run} (copied from a run of the jar against a standalone kis-sim). */
class RestartMarksTest {
  private static final List<String> START = List.of(
      "data dir /tmp/d/data: took group/other access off 1 entry (recordings/2026-12-07.frames.gz)",
      "04:54:49.700 INFO  k.e.j.JournalStartCheck  - journal check: every journal against its mark in 136 ms, 0 damaged",
      "04:54:51.689 INFO  o.a.p.e.s.Slf4jLogger  - Slf4jLogger started",
      "04:54:54.379 INFO  k.a.live.AccountDesk pekko://kis-trader/user/account - account account starts on this node"
          + " (pekko://kis-trader)",
      "04:54:54.729 INFO  k.a.s.KisSupervisor pekko://kis-trader/user/account/kis - KIS connection DISCONNECTED ->"
          + " AUTHENTICATING: opening a session (SESSION)",
      "04:54:55.219 INFO  o.a.p.p.Persistence Persistence(pekko://kis-trader) - Auto-starting journal plugin"
          + " `pekko.persistence.journal.leveldb`",
      "04:54:55.170 INFO  k.a.live.AgentRunner pekko://kis-trader/user/agents/agent-rt-1 - rt-1: registered with the"
          + " account on pekko://kis-trader",
      "04:54:55.241 INFO  k.a.live.AgentRunner pekko://kis-trader/user/agents/agent-lc-2 - lc-2: registered with the"
          + " account on pekko://kis-trader",
      "Dashboard: http://127.0.0.1:38789/",
      "04:54:58.056 INFO  k.a.agent.StrategyHost pekko://kis-trader/user/agents/agent-rt-1/host-1 - rt-1: KIS"
          + " connection AUTHENTICATING: new orders denied until it is live again",
      "04:54:58.205 INFO  k.a.s.KisSupervisor pekko://kis-trader/user/account/kis - KIS connection AUTHENTICATING ->"
          + " CONNECTING: approval key ready",
      "04:54:58.873 INFO  k.a.s.KisSupervisor pekko://kis-trader/user/account/kis - KIS connection CONNECTING ->"
          + " SUBSCRIBING: socket open",
      "04:54:59.518 INFO  k.a.live.AccountDesk pekko://kis-trader/user/account - agent rt-1 reconciled; it may trade",
      "04:54:59.567 INFO  k.a.s.KisSupervisor pekko://kis-trader/user/account/kis - gap fill after connect:"
          + " reconciliation: 0 correction(s)",
      "04:54:59.570 INFO  k.a.s.KisSupervisor pekko://kis-trader/user/account/kis - KIS connection SUBSCRIBING ->"
          + " LIVE: subscribed and reconciled",
      "04:54:59.571 INFO  k.a.agent.StrategyHost pekko://kis-trader/user/agents/agent-rt-1/host-1 - rt-1: KIS"
          + " connection LIVE: new orders allowed",
      "04:54:59.600 INFO  k.a.live.AccountDesk pekko://kis-trader/user/account - agent lc-2 reconciled; it may trade",
      "04:55:00.100 WARN  k.e.dashboard.alerts  - alert FILL rt-1/rt-1-3: agent rt-1 bought 1 005930 at 71,100 won");

  /** The lines fed in order, line i arriving at (i + 1) ms. */
  private static RestartMarks fed(int agents, List<String> lines) {
    RestartMarks m = new RestartMarks(agents);
    for (int i = 0; i < lines.size(); i++) {
      m.accept(lines.get(i), (i + 1) * 1_000_000L);
    }
    return m;
  }

  private static long ms(RestartMarks m, Phase p) {
    OptionalLong v = m.at(p);
    assertTrue(v.isPresent(), p + " not seen");
    return v.getAsLong() / 1_000_000;
  }

  @Test
  void everyPhaseOfARestartIsStampedWhenItsLineArrives() {
    RestartMarks m = fed(2, START);
    assertEquals(1, ms(m, Phase.FIRST_LINE));
    assertEquals(2, ms(m, Phase.JOURNAL_CHECK));
    assertEquals(3, ms(m, Phase.ACTOR_SYSTEM));
    assertEquals(4, ms(m, Phase.ACCOUNT));
    assertEquals(6, ms(m, Phase.JOURNAL_OPEN));
    assertEquals(8, ms(m, Phase.AGENTS_REGISTERED));
    assertEquals(9, ms(m, Phase.DASHBOARD));
    assertEquals(11, ms(m, Phase.TOKEN));
    assertEquals(12, ms(m, Phase.SOCKET));
    assertEquals(14, ms(m, Phase.GAP_FILL));
    assertEquals(15, ms(m, Phase.CONNECTION_LIVE));
    assertEquals(17, ms(m, Phase.AGENTS_ENABLED));
    assertEquals(38789, m.dashboardPort());
    assertEquals(1, m.fills());
  }

  @Test
  void theJvmsLineForTheLaunchersJitDirectivesIsNotTheEnginesFirstLine() {
    List<String> lines = new java.util.ArrayList<>(START);
    lines.add(0, "1 compiler directives added");
    RestartMarks m = fed(2, lines);
    assertEquals(2, ms(m, Phase.FIRST_LINE));
  }

  @Test
  void liveIsTheLaterOfTheConnectionLiveAndTheLastAgentAllowedToTrade() {
    RestartMarks m = fed(2, START);
    assertEquals(17, ms(m, Phase.LIVE)); // lc-2 was enabled after the connection went LIVE
    List<String> agentsFirst = new java.util.ArrayList<>(START);
    String last = agentsFirst.remove(16);
    agentsFirst.add(13, last); // both agents enabled before the connection is LIVE
    RestartMarks n = fed(2, agentsFirst);
    assertEquals(ms(n, Phase.CONNECTION_LIVE), ms(n, Phase.LIVE));
  }

  @Test
  void aConnectionLiveWithAnAgentNotYetAllowedToTradeIsNotLive() {
    RestartMarks m = fed(3, START); // three agents configured, two enabled
    assertTrue(m.at(Phase.CONNECTION_LIVE).isPresent());
    assertFalse(m.live());
    assertEquals(2, m.agentsEnabled());
    assertTrue(m.at(Phase.AGENTS_REGISTERED).isEmpty());
  }

  @Test
  void anEngineWithoutADashboardSaysSoAndHasNoPort() {
    RestartMarks m = new RestartMarks(1);
    assertEquals(-1, m.dashboardPort());
    m.accept("Dashboard off (kis.dashboard.enabled = false): no page and no controls; stop with Ctrl-C or SIGTERM", 1);
    assertEquals(0, m.dashboardPort());
    assertTrue(m.at(Phase.DASHBOARD).isEmpty());
  }

  @Test
  void theSameAgentEnabledTwiceCountsOnce() {
    RestartMarks m = new RestartMarks(2);
    m.accept("- KIS connection SUBSCRIBING -> LIVE: subscribed and reconciled", 1);
    m.accept("- agent rt-1 reconciled; it may trade", 2);
    m.accept("- agent rt-1 reconciled; it may trade", 3);
    assertFalse(m.live());
    m.accept("- agent lc-2 reconciled; it may trade", 4);
    assertEquals(4, m.at(Phase.LIVE).getAsLong());
  }
}
