package kis.engine.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.persistence.AtomicWrite;
import org.apache.pekko.persistence.JournalProtocol;
import org.apache.pekko.persistence.NonPersistentRepr;
import org.apache.pekko.persistence.Persistence;
import org.apache.pekko.persistence.PersistentEnvelope;
import org.apache.pekko.persistence.PersistentRepr;
import org.apache.pekko.persistence.journal.leveldb.LeveldbJournal;
import org.apache.pekko.testkit.javadsl.TestKit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The group-commit journal's answers to {@code WriteMessages} (fsync on), told by its writer thread
 * straight to the persistent actors: each actor hears Pekko's replies for its requests in the order
 * it asked, looped messages in their place between writes, each event's reply with the event's
 * sender; a payload that cannot be serialized rejects its atomic write only; and what was confirmed
 * is what a recovery reads back.
 */
class GroupCommitAnswersTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  private static PersistentRepr event(String pid, long seq, Object payload, ActorRef sender) {
    return PersistentRepr.apply(payload, seq, pid, "", false, sender, "writer-1");
  }

  private static JournalProtocol.WriteMessages write(ActorRef actor, List<PersistentEnvelope> msgs) {
    return new JournalProtocol.WriteMessages(CollectionConverters.asScala(msgs).toList(), actor, 3);
  }

  private static AtomicWrite atomic(PersistentRepr... events) {
    return AtomicWrite.apply(CollectionConverters.asScala(List.of(events)).toList());
  }

  private static ActorSystem system(Path dir, String name) {
    return ActorSystem.create(name, ConfigFactory.parseString(
        "pekko.persistence.journal.leveldb.class = \"" + GroupCommitLeveldbJournal.class.getName() + "\"")
        .withFallback(EngineConfig.load(Optional.empty(), Optional.of(dir.resolve("data")))));
  }

  private static ActorRef journal(ActorSystem system) {
    return Persistence.get(system).journalFor("pekko.persistence.journal.leveldb", ConfigFactory.empty());
  }

  @Test
  void everyActorHearsItsAnswersInRequestOrderWithLoopedMessagesInTheirPlace(@TempDir Path dir) {
    ActorSystem system = system(dir, "gc-answers");
    try {
      ActorRef journal = journal(system);
      int actors = 4;
      int rounds = 25;
      List<TestKit> probes = new ArrayList<>();
      TestKit origin = new TestKit(system); // the events' sender, as a command's sender would be
      for (int a = 0; a < actors; a++) {
        probes.add(new TestKit(system));
      }
      // All requests sent at once, interleaved across actors: many share a commit, some write nothing.
      for (int r = 0; r < rounds; r++) {
        for (int a = 0; a < actors; a++) {
          ActorRef actor = probes.get(a).getRef();
          String pid = "answers-" + a;
          journal.tell(write(actor, List.of(atomic(event(pid, 2L * r + 1, "e" + (2 * r + 1), origin.getRef())))),
              actor);
          journal.tell(write(actor, List.of(new NonPersistentRepr("loop-" + r, actor))), actor);
          journal.tell(write(actor, List.of(atomic(event(pid, 2L * r + 2, "e" + (2 * r + 2), origin.getRef())),
              new NonPersistentRepr("after-" + r, actor))), actor);
        }
      }
      for (int a = 0; a < actors; a++) {
        TestKit p = probes.get(a);
        for (int r = 0; r < rounds; r++) {
          p.expectMsg(WAIT, JournalProtocol.WriteMessagesSuccessful$.MODULE$);
          JournalProtocol.WriteMessageSuccess first = p.expectMsgClass(WAIT, JournalProtocol.WriteMessageSuccess.class);
          assertEquals(2L * r + 1, first.persistent().sequenceNr());
          assertEquals(3, first.actorInstanceId());
          assertSame(origin.getRef(), p.getLastSender(), "an event's reply comes from the event's sender");
          p.expectMsg(WAIT, JournalProtocol.WriteMessagesSuccessful$.MODULE$);
          assertEquals(new JournalProtocol.LoopMessageSuccess("loop-" + r, 3), p.expectMsgClass(WAIT,
              JournalProtocol.LoopMessageSuccess.class));
          p.expectMsg(WAIT, JournalProtocol.WriteMessagesSuccessful$.MODULE$);
          assertEquals(2L * r + 2, p.expectMsgClass(WAIT, JournalProtocol.WriteMessageSuccess.class).persistent()
              .sequenceNr());
          assertEquals(new JournalProtocol.LoopMessageSuccess("after-" + r, 3), p.expectMsgClass(WAIT,
              JournalProtocol.LoopMessageSuccess.class));
        }
      }
      TestKit reader = new TestKit(system);
      for (int a = 0; a < actors; a++) {
        journal.tell(new JournalProtocol.ReplayMessages(1, Long.MAX_VALUE, Long.MAX_VALUE, "answers-" + a,
            reader.getRef()), reader.getRef());
        for (int s = 1; s <= 2 * rounds; s++) {
          PersistentRepr p = reader.expectMsgClass(WAIT, JournalProtocol.ReplayedMessage.class).persistent();
          assertEquals(s, p.sequenceNr());
          assertEquals("e" + s, p.payload());
        }
        assertEquals(2L * rounds, reader.expectMsgClass(WAIT, JournalProtocol.RecoverySuccess.class)
            .highestSequenceNr());
      }
    } finally {
      TestKit.shutdownActorSystem(system);
    }
  }

  @Test
  void aPayloadThatCannotBeSerializedRejectsItsAtomicWriteAndNothingElse(@TempDir Path dir) {
    ActorSystem system = system(dir, "gc-rejects");
    try {
      ActorRef journal = journal(system);
      TestKit actor = new TestKit(system);
      ActorRef self = actor.getRef();
      PersistentRepr good = event("rejects", 1, "kept", self);
      PersistentRepr bad = event("rejects", 2, new Object(), self); // no serializer is bound to it
      PersistentRepr alsoBad = event("rejects", 3, "dropped with its atomic write", self);
      journal.tell(write(self, List.of(atomic(good), atomic(bad, alsoBad), new NonPersistentRepr("loop", self))), self);

      actor.expectMsg(WAIT, JournalProtocol.WriteMessagesSuccessful$.MODULE$);
      assertEquals(good, actor.expectMsgClass(WAIT, JournalProtocol.WriteMessageSuccess.class).persistent());
      JournalProtocol.WriteMessageRejected r1 = actor.expectMsgClass(WAIT, JournalProtocol.WriteMessageRejected.class);
      JournalProtocol.WriteMessageRejected r2 = actor.expectMsgClass(WAIT, JournalProtocol.WriteMessageRejected.class);
      assertEquals(List.of(2L, 3L), List.of(r1.message().sequenceNr(), r2.message().sequenceNr()));
      assertSame(r1.cause(), r2.cause());
      actor.expectMsgClass(WAIT, JournalProtocol.LoopMessageSuccess.class);

      // A request of rejections only writes nothing and is answered in its turn.
      journal.tell(write(self, List.of(atomic(event("rejects", 2, new Object(), self)))), self);
      actor.expectMsg(WAIT, JournalProtocol.WriteMessagesSuccessful$.MODULE$);
      actor.expectMsgClass(WAIT, JournalProtocol.WriteMessageRejected.class);

      journal.tell(new JournalProtocol.ReplayMessages(1, Long.MAX_VALUE, Long.MAX_VALUE, "rejects", self), self);
      assertEquals("kept", actor.expectMsgClass(WAIT, JournalProtocol.ReplayedMessage.class).persistent().payload());
      assertEquals(1L, actor.expectMsgClass(WAIT, JournalProtocol.RecoverySuccess.class).highestSequenceNr());
    } finally {
      TestKit.shutdownActorSystem(system);
    }
  }

  @Test
  void aSubscriberHearsOfAConfirmedWriteAndNotOfARejectedOne(@TempDir Path dir) {
    ActorSystem system = system(dir, "gc-appended");
    try {
      ActorRef journal = journal(system);
      TestKit subscriber = new TestKit(system);
      TestKit actor = new TestKit(system);
      ActorRef self = actor.getRef();
      // The journal takes its messages in order: subscribed before the writes arrive.
      journal.tell(new LeveldbJournal.SubscribePersistenceId("watched"), subscriber.getRef());
      journal.tell(new LeveldbJournal.SubscribePersistenceId("refused"), subscriber.getRef());
      journal.tell(write(self, List.of(atomic(event("refused", 1, new Object(), self)))), self);
      journal.tell(write(self, List.of(atomic(event("watched", 1, "seen", self)))), self);

      actor.expectMsg(WAIT, JournalProtocol.WriteMessagesSuccessful$.MODULE$);
      actor.expectMsgClass(WAIT, JournalProtocol.WriteMessageRejected.class);
      actor.expectMsg(WAIT, JournalProtocol.WriteMessagesSuccessful$.MODULE$);
      actor.expectMsgClass(WAIT, JournalProtocol.WriteMessageSuccess.class);
      // Told once its commit is durable; the rejected write wrote nothing and is announced to no one.
      assertEquals(new LeveldbJournal.EventAppended("watched"), subscriber.expectMsgClass(WAIT,
          LeveldbJournal.EventAppended.class));
    } finally {
      TestKit.shutdownActorSystem(system);
    }
  }
}
