package kis.actors.live;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.util.List;
import kis.actors.agent.StrategyHost;
import kis.actors.risk.AccountFigures;
import kis.actors.risk.AccountLimits;
import kis.actors.risk.AccountLink;
import kis.actors.risk.AgentFigures;
import kis.journal.Symbol;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The account's facts reach an agent's entity as serializable commands, and a restarted entity
 * hears them all again.
 */
class HostRelayTest {
  static final ActorTestKit KIT = ActorTestKit.create();
  static final Symbol SAMSUNG = Symbol.of("005930");
  static final LocalDate DAY = LocalDate.of(2026, 11, 24);

  @AfterAll
  static void shutdown() {
    KIT.shutdownTestKit();
  }

  @Test
  void factsGoToTheEntityAsTheyComeAndAllOfThemAgainToANewEntity() {
    TestProbe<AgentRunner.Command> first = KIT.createTestProbe();
    ActorRef<Object> relay = KIT.spawn(HostRelay.create(first.getRef()));
    ActorRef<StrategyHost.Command> asHost = relay.narrow();
    asHost.tell(new StrategyHost.ConnectionChanged(true, "LIVE"));
    asHost.tell(new StrategyHost.BasePrice(SAMSUNG, DAY, 71_000));
    asHost.tell(new StrategyHost.KillSwitchChanged(true));
    assertEquals(List.of(new AgentRunner.ConnectionNow(true, "LIVE"),
        new AgentRunner.BasePriceNow(SAMSUNG, DAY, 71_000), new AgentRunner.KillSwitchNow(true)),
        first.receiveSeveralMessages(3));

    // The entity stopped: nothing is lost meanwhile, the next one hears the latest of everything.
    relay.tell(new HostRelay.Target(null));
    asHost.tell(new StrategyHost.ConnectionChanged(false, "DISCONNECTED"));
    TestProbe<AgentRunner.Command> next = KIT.createTestProbe();
    relay.tell(new HostRelay.Target(next.getRef()));
    assertEquals(List.of(new AgentRunner.KillSwitchNow(true), new AgentRunner.ConnectionNow(false, "DISCONNECTED"),
        new AgentRunner.BasePriceNow(SAMSUNG, DAY, 71_000)), next.receiveSeveralMessages(3));
    first.expectNoMessage();
  }

  @Test
  void theAccountsLimitsAndFiguresReachTheEntityAndAreReplayedToANewOne() {
    TestProbe<AgentRunner.Command> first = KIT.createTestProbe();
    TestProbe<AccountLink.Message> reports = KIT.createTestProbe();
    ActorRef<Object> relay = KIT.spawn(HostRelay.create(first.getRef()));
    ActorRef<StrategyHost.Command> asHost = relay.narrow();
    AccountLink link = new AccountLink(new AccountLimits(1_000_000, 50_000, 100), reports.getRef());
    AccountFigures figures = AccountFigures.EMPTY.with("a", new AgentFigures(DAY, 70_000, -1_000, 2));
    asHost.tell(new StrategyHost.UseAccount(link));
    asHost.tell(new StrategyHost.AccountNow(figures));
    assertEquals(List.of(new AgentRunner.AccountLinkNow(link), new AgentRunner.AccountFiguresNow(figures)),
        first.receiveSeveralMessages(2));
    TestProbe<AgentRunner.Command> next = KIT.createTestProbe();
    relay.tell(new HostRelay.Target(next.getRef()));
    assertEquals(List.of(new AgentRunner.AccountLinkNow(link), new AgentRunner.AccountFiguresNow(figures)),
        next.receiveSeveralMessages(2));
    // They cross nodes: the cluster's serializer must carry them (and the report ref) intact.
    KIT.serializationTestKit().verifySerialization(new AgentRunner.AccountLinkNow(link), true);
    KIT.serializationTestKit().verifySerialization(new AgentRunner.AccountFiguresNow(figures), true);
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
