package kis.actors.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import kis.journal.AgentId;
import kis.journal.event.AgentEvent;
import kis.journal.state.AgentState;
import kis.journal.state.OrderStatus;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.persistence.query.EventEnvelope;
import org.apache.pekko.persistence.query.PersistenceQuery;
import org.apache.pekko.persistence.query.journal.leveldb.javadsl.LeveldbReadJournal;
import org.apache.pekko.stream.javadsl.Sink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real crash: a child JVM drives agents on LevelDB (one of them, jvm-1, on NXT) and halts mid-burst. A fresh system on the
 * same directory must recover every agent to exactly the fold of its journal, whose acknowledged
 * prefix folds to the hash the child printed before dying.
 */
@ExtendWith(LogCapturingExtension.class)
class AgentJvmCrashTest {
  static final int AGENTS = 3;
  static final int ORDERS = 120;
  /** The child's whole life, a bound on a loaded machine (it takes seconds when idle). */
  static final Duration CHILD_LIMIT = Duration.ofMinutes(4);

  @TempDir Path dir;

  record Printed(AgentId id, long eventCount, String hash) {}

  @Test
  void agentsRecoverEveryAcknowledgedEventAfterTheJvmIsHalted() throws Exception {
    String java = ProcessHandle.current().info().command().orElse("java");
    // Output to a file and a bounded wait: a child that fails (its main throws while the actor
    // system's threads keep the JVM alive) must fail the test, not hang it reading a pipe forever.
    Path log = dir.resolveSibling(dir.getFileName() + "-child.log");
    Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        "-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"),
        CrashingAgentsMain.class.getName(), dir.toString(), String.valueOf(AGENTS), String.valueOf(ORDERS))
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
    boolean exited = child.waitFor(CHILD_LIMIT.toSeconds(), TimeUnit.SECONDS);
    if (!exited) {
      child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
    List<String> output = Files.readAllLines(log, StandardCharsets.UTF_8);
    assertTrue(exited, "child did not exit within " + CHILD_LIMIT + ":\n" + String.join("\n", output));
    List<Printed> printed = new ArrayList<>();
    for (String line : output) {
      if (line.startsWith("STATE ")) {
        String[] p = line.split(" ");
        printed.add(new Printed(new AgentId(p[1]), Long.parseLong(p[2]), p[3]));
      }
    }
    assertTrue(output.contains("HALT"), String.join("\n", output));
    assertEquals(AGENTS, printed.size(), String.join("\n", output));

    ActorTestKit kit = ActorTestKit.create("after-crash", LevelDbTestSystem.config(dir));
    try {
      LeveldbReadJournal journal = PersistenceQuery.get(Adapter.toClassic(kit.system()))
          .getReadJournalFor(LeveldbReadJournal.class, LeveldbReadJournal.Identifier());
      TestProbe<OrderPort> port = kit.createTestProbe(OrderPort.class);
      TestProbe<AgentState> probe = kit.createTestProbe();
      for (Printed p : printed) {
        ActorRef<Agent.Command> agent = kit.spawn(Agent.create(
            AgentSettings.of(p.id()).withSnapshotEvery(50), port.getRef(), CrashingAgentsMain.CLOCK), p.id().value());
        AgentState recovered = awaitNoRequested(agent, probe);
        List<AgentEvent> events = journal.currentEventsByPersistenceId(Agent.persistenceId(p.id()).id(), 0, Long.MAX_VALUE)
            .map(EventEnvelope::event).map(AgentEvent.class::cast)
            .runWith(Sink.seq(), kit.system()).toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertTrue(events.size() >= p.eventCount(), "acknowledged events were lost");
        assertEquals(p.hash(), AgentState.fold(p.id().value(), events.subList(0, (int) p.eventCount())).stateHash(),
            "the acknowledged prefix folds to what the agent had");
        assertEquals(AgentState.fold(p.id().value(), events), recovered, "recovery equals the fold of the journal");
        assertEquals(List.of(), recovered.invariantViolations());
        // jvm-1 placed every order on NXT: each comes back on NXT, none on another venue.
        kis.journal.Venue venue = p.id().value().equals("jvm-1") ? kis.journal.Venue.NXT : kis.journal.Venue.KRX;
        List<kis.journal.state.Order> orders = new ArrayList<>(recovered.openOrders().values());
        orders.addAll(recovered.closedOrders());
        assertTrue(!orders.isEmpty() && orders.stream().allMatch(o -> o.spec().venue() == venue),
            p.id() + "'s orders come back on " + venue);
      }
      port.expectNoMessage(Duration.ofMillis(200));
    } finally {
      kit.shutdownTestKit();
    }
  }

  private static AgentState awaitNoRequested(ActorRef<Agent.Command> agent, TestProbe<AgentState> probe) {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (true) {
      agent.tell(new Agent.GetState(probe.getRef()));
      AgentState s = probe.receiveMessage(Duration.ofSeconds(10));
      if (s.ordersIn(OrderStatus.REQUESTED).isEmpty()) {
        return s;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("still REQUESTED: " + s.ordersIn(OrderStatus.REQUESTED));
      }
    }
  }
}
