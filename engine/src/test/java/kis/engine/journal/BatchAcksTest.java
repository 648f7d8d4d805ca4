package kis.engine.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.actor.Props;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.persistence.AbstractPersistentActor;
import org.apache.pekko.testkit.javadsl.TestKit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Who is sent Pekko's whole-request acknowledgement: a classic persistent actor needs it to send
 * its next write (it ends the write in progress), so it still gets it, and a classic actor writing
 * one event after another through the group-commit journal is confirmed each time; a local typed
 * actor (an {@code EventSourcedBehavior}'s home) is not sent it.
 */
class BatchAcksTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  /** Persists each command as an event and answers once it is confirmed. */
  static final class Tally extends AbstractPersistentActor {
    private final List<String> events = new ArrayList<>();

    @Override
    public String persistenceId() {
      return "tally";
    }

    @Override
    public Receive createReceiveRecover() {
      return receiveBuilder().match(String.class, events::add).build();
    }

    @Override
    public Receive createReceive() {
      return receiveBuilder().match(String.class, c -> persist(c, e -> {
        events.add(e);
        getSender().tell(List.copyOf(events), getSelf());
      })).build();
    }
  }

  @Test
  void aLocalTypedActorIsNotSentTheWholeRequestAcknowledgementAndAClassicOneIs(@TempDir Path dir) {
    ActorSystem system = ActorSystem.create("batch-acks-kinds",
        EngineConfig.load(Optional.empty(), Optional.of(dir.resolve("data"))));
    try {
      TestKit classic = new TestKit(system);
      org.apache.pekko.actor.typed.ActorRef<String> typed = Adapter.spawn(system, Behaviors.<String>empty(), "typed");
      assertTrue(BatchAcks.wanted(classic.getRef()));
      assertFalse(BatchAcks.wanted(Adapter.toClassic(typed)));
      assertTrue(BatchAcks.wanted(system.actorOf(Props.create(Tally.class), "tally")));
    } finally {
      TestKit.shutdownActorSystem(system);
    }
  }

  @Test
  void aClassicPersistentActorWritesOneEventAfterAnotherThroughGroupCommit(@TempDir Path dir) {
    ActorSystem system = ActorSystem.create("batch-acks-classic", ConfigFactory.parseString(
        "pekko.persistence.journal.leveldb.class = \"" + GroupCommitLeveldbJournal.class.getName() + "\"")
        .withFallback(EngineConfig.load(Optional.empty(), Optional.of(dir.resolve("data")))));
    try {
      TestKit client = new TestKit(system);
      var tally = system.actorOf(Props.create(Tally.class), "tally");
      // Sent at once: the second and third wait in the actor's stash behind the write in flight.
      tally.tell("a", client.getRef());
      tally.tell("b", client.getRef());
      tally.tell("c", client.getRef());
      assertEquals(List.of("a"), client.expectMsgClass(WAIT, List.class));
      assertEquals(List.of("a", "b"), client.expectMsgClass(WAIT, List.class));
      assertEquals(List.of("a", "b", "c"), client.expectMsgClass(WAIT, List.class));
    } finally {
      TestKit.shutdownActorSystem(system);
    }
  }
}
