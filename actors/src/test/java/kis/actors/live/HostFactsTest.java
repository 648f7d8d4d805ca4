package kis.actors.live;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import kis.actors.agent.StrategyHost;
import kis.actors.risk.AccountFigures;
import kis.actors.risk.AccountLimits;
import kis.actors.risk.AccountLink;
import kis.actors.risk.AgentFigures;
import kis.journal.Symbol;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The account's facts reach an agent runner as its serializable commands; the runner tells its host
 * each one and tells a host it spawns later (a fresh start) the last of each.
 */
class HostFactsTest {
  static final ActorTestKit KIT = ActorTestKit.create();
  static final Symbol SAMSUNG = Symbol.of("005930");
  static final LocalDate DAY = LocalDate.of(2026, 11, 24);

  @AfterAll
  static void shutdown() {
    KIT.shutdownTestKit();
  }

  @Test
  void eachFactBecomesTheHostsCommand() {
    assertEquals(Optional.of(new StrategyHost.ConnectionChanged(true, "LIVE")),
        HostFacts.forHost(new AgentRunner.ConnectionNow(true, "LIVE")));
    assertEquals(Optional.of(new StrategyHost.BasePrice(SAMSUNG, DAY, 71_000)),
        HostFacts.forHost(new AgentRunner.BasePriceNow(SAMSUNG, DAY, 71_000)));
    assertEquals(Optional.of(new StrategyHost.KillSwitchChanged(true)),
        HostFacts.forHost(new AgentRunner.KillSwitchNow(true)));
    assertEquals(Optional.of(new StrategyHost.DiskChanged(true, "disk almost full")),
        HostFacts.forHost(new AgentRunner.DiskNow(true, "disk almost full")));
    assertEquals(Optional.empty(), HostFacts.forHost(new AgentRunner.EnableTrading()));
  }

  @Test
  void aLaterHostHearsTheLastOfEveryFact() {
    HostFacts facts = new HostFacts();
    facts.remember(new AgentRunner.ConnectionNow(true, "LIVE"));
    facts.remember(new AgentRunner.BasePriceNow(SAMSUNG, DAY, 71_000));
    facts.remember(new AgentRunner.KillSwitchNow(true));
    facts.remember(new AgentRunner.ConnectionNow(false, "DISCONNECTED"));
    facts.remember(new AgentRunner.BasePriceNow(SAMSUNG, DAY.plusDays(1), 72_000));
    facts.remember(new AgentRunner.EnableTrading()); // not a fact
    TestProbe<StrategyHost.Command> host = KIT.createTestProbe();
    facts.replayTo(host.getRef());
    assertEquals(List.of(new StrategyHost.KillSwitchChanged(true), new StrategyHost.ConnectionChanged(false, "DISCONNECTED"),
        new StrategyHost.BasePrice(SAMSUNG, DAY.plusDays(1), 72_000)), host.receiveSeveralMessages(3));
    host.expectNoMessage();
  }

  @Test
  void theAccountsLimitsAndFiguresAreKeptForALaterHostAndCrossNodes() {
    TestProbe<AccountLink.Message> reports = KIT.createTestProbe();
    AccountLink link = new AccountLink(new AccountLimits(1_000_000, 50_000, 100), reports.getRef());
    AccountFigures figures = AccountFigures.EMPTY.with("a", new AgentFigures(DAY, 70_000, -1_000, 2));
    HostFacts facts = new HostFacts();
    facts.remember(new AgentRunner.AccountLinkNow(link));
    facts.remember(new AgentRunner.AccountFiguresNow(figures));
    TestProbe<StrategyHost.Command> host = KIT.createTestProbe();
    facts.replayTo(host.getRef());
    assertEquals(List.of(new StrategyHost.UseAccount(link), new StrategyHost.AccountNow(figures)),
        host.receiveSeveralMessages(2));
    // They cross nodes: the cluster's serializer must carry them (and the report ref) intact.
    KIT.serializationTestKit().verifySerialization(new AgentRunner.AccountLinkNow(link), true);
    KIT.serializationTestKit().verifySerialization(new AgentRunner.AccountFiguresNow(figures), true);
    KIT.serializationTestKit().verifySerialization(new AgentRunner.DiskNow(true, "disk almost full"), true);
    KIT.serializationTestKit().verifySerialization(new AccountLink.Report("a", new AgentFigures(DAY, 1, 2, 3)), true);
    // The reservation a host asks the singleton for, and its answer, cross nodes too.
    TestProbe<AccountLink.Verdict> verdicts = KIT.createTestProbe();
    KIT.serializationTestKit().verifySerialization(new AccountLink.Reserve("a", new AgentFigures(DAY, 1, 2, 3, 1),
        new kis.actors.risk.Claim(kis.journal.Side.BUY, 1, 70_000, "this order"), verdicts.getRef()), true);
    KIT.serializationTestKit().verifySerialization(new AccountLink.Verdict(false,
        kis.journal.RejectReason.RISK_ACCOUNT_ORDER_COUNT, "account max-orders-per-day 4"), true);
    KIT.serializationTestKit().verifySerialization(AccountLink.Verdict.GRANTED, true);
  }
}
