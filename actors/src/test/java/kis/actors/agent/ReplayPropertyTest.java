package kis.actors.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import kis.journal.event.AgentEvent;
import kis.journal.state.AgentState;
import org.apache.pekko.Done;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.persistence.query.EventEnvelope;
import org.apache.pekko.persistence.query.PersistenceQuery;
import org.apache.pekko.persistence.query.journal.leveldb.javadsl.LeveldbReadJournal;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.javadsl.CommandHandler;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehavior;
import org.apache.pekko.persistence.typed.javadsl.RetentionCriteria;
import org.apache.pekko.stream.javadsl.Sink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Property: for random event histories (legal, illegal, duplicated), folding the events in memory
 * gives the same state as recovering them (snapshot + tail) from LevelDB in a new ActorSystem, and
 * the journal gives back exactly the events written.
 */
@ExtendWith(LogCapturingExtension.class)
class ReplayPropertyTest {
  static final int HISTORIES = 24;
  static final Duration T = Duration.ofSeconds(15);

  @TempDir Path dir;

  /** Persists what it is given, folding with the agent's own event handler. */
  record Write(List<AgentEvent> events, ActorRef<Done> replyTo) {}

  static Behavior<Object> recorder(String id, int snapshotEvery) {
    return new EventSourcedBehavior<Object, AgentEvent, AgentState>(PersistenceId.of("Agent", id)) {
      @Override
      public AgentState emptyState() {
        return AgentState.empty(id);
      }

      @Override
      public CommandHandler<Object, AgentEvent, AgentState> commandHandler() {
        return newCommandHandlerBuilder().forAnyState()
            .onCommand(Write.class, (s, c) -> Effect().persist(c.events()).thenReply(c.replyTo(), ns -> Done.getInstance()))
            .onCommand(Agent.GetState.class, (s, c) -> Effect().reply(c.replyTo(), s))
            .build();
      }

      @Override
      public EventHandler<AgentState, AgentEvent> eventHandler() {
        return newEventHandlerBuilder().forAnyState().onAnyEvent(AgentState::apply);
      }

      @Override
      public RetentionCriteria retentionCriteria() {
        return RetentionCriteria.snapshotEvery(snapshotEvery, 2);
      }
    };
  }

  @Test
  void foldOfEventsEqualsFoldOfTheirReplayFromLevelDb() throws Exception {
    List<List<AgentEvent>> histories = new ArrayList<>();
    ActorTestKit first = ActorTestKit.create("write", LevelDbTestSystem.config(dir));
    try {
      TestProbe<Done> done = first.createTestProbe();
      for (int h = 0; h < HISTORIES; h++) {
        List<AgentEvent> events = RandomEvents.generate(h, 80 + h * 10);
        histories.add(events);
        ActorRef<Object> rec = first.spawn(recorder("p" + h, 7 + h));
        Random batches = new Random(h);
        for (int i = 0; i < events.size(); ) {
          int n = Math.min(events.size() - i, 1 + batches.nextInt(8));
          rec.tell(new Write(events.subList(i, i + n), done.getRef()));
          done.receiveMessage(T);
          i += n;
        }
      }
    } finally {
      first.shutdownTestKit();
    }

    ActorTestKit second = ActorTestKit.create("replay", LevelDbTestSystem.config(dir));
    try {
      TestProbe<AgentState> probe = second.createTestProbe();
      LeveldbReadJournal journal = PersistenceQuery.get(Adapter.toClassic(second.system()))
          .getReadJournalFor(LeveldbReadJournal.class, LeveldbReadJournal.Identifier());
      for (int h = 0; h < HISTORIES; h++) {
        List<AgentEvent> events = histories.get(h);
        AgentState folded = AgentState.fold("p" + h, events);
        assertTrue(folded.anomalyCount() > 0, "histories include illegal transitions");

        ActorRef<Object> rec = second.spawn(recorder("p" + h, 7 + h));
        rec.tell(new Agent.GetState(probe.getRef()));
        AgentState recovered = probe.receiveMessage(T);
        assertEquals(folded, recovered, "history " + h);
        assertEquals(folded.stateHash(), recovered.stateHash());

        List<Object> replayed = journal.currentEventsByPersistenceId("Agent|p" + h, 0, Long.MAX_VALUE)
            .map(EventEnvelope::event)
            .runWith(Sink.seq(), second.system())
            .toCompletableFuture().get(T.toMillis(), TimeUnit.MILLISECONDS);
        assertEquals(events, replayed, "history " + h + " read back from the journal");
        assertEquals(folded, AgentState.fold("p" + h, replayed.stream().map(AgentEvent.class::cast).toList()));
      }
    } finally {
      second.shutdownTestKit();
    }
  }

}
