package kis.actors.agent;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.pattern.StatusReply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class DirectAskTest {
  static final ActorTestKit testKit = ActorTestKit.create();

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  record Ask(String text, ActorRef<String> replyTo) {}

  record AskStatus(String text, ActorRef<StatusReply<String>> replyTo) {}

  static Behavior<Ask> echo() {
    return Behaviors.receiveMessage(m -> {
      m.replyTo().tell("echo " + m.text());
      return Behaviors.same();
    });
  }

  /** Asks once at start and hands what the mapping made of the answer to {@code out}. */
  static Behavior<String> asker(ActorRef<Ask> target, Duration timeout, ActorRef<String> out) {
    return Behaviors.setup(ctx -> {
      DirectAsk.ask(ctx, String.class, target, timeout, rt -> new Ask("hi", rt),
          (v, e) -> v != null ? "answer: " + v : "failed: " + e.getClass().getSimpleName());
      return Behaviors.receiveMessage(m -> {
        out.tell(m);
        return Behaviors.same();
      });
    });
  }

  sealed interface TargetMessage permits AskThenHear, Go {}

  record AskThenHear(ActorRef<String> replyTo, ActorRef<String> asker) implements TargetMessage {}

  record Go() implements TargetMessage {}

  @Test
  void theAnswerIsQueuedForTheAskerByTheThreadThatAnswers() {
    // The target answers once the asker is waiting, then tells the asker something itself: the
    // answer must be in the asker's mailbox first. Pekko's Java ask hands the answer to another
    // thread (the common pool, or a new thread per answer where that pool has one thread), so
    // there it came after.
    TestProbe<String> out = testKit.createTestProbe();
    for (int i = 0; i < 20; i++) {
      AskThenHear[] held = new AskThenHear[1];
      ActorRef<TargetMessage> target = testKit.spawn(Behaviors.<TargetMessage>receiveMessage(m -> {
        if (m instanceof AskThenHear a) {
          held[0] = a;
        } else {
          held[0].replyTo().tell("echo");
          held[0].asker().tell("told after the answer");
        }
        return Behaviors.same();
      }));
      testKit.spawn(Behaviors.<String>setup(ctx -> {
        DirectAsk.ask(ctx, String.class, target, Duration.ofSeconds(30), rt -> new AskThenHear(rt, ctx.getSelf()),
            (v, e) -> v != null ? "answer: " + v : "failed: " + e);
        out.tell("asked");
        return Behaviors.receiveMessage(m -> {
          out.tell(m);
          return Behaviors.same();
        });
      }));
      out.expectMessage(Duration.ofSeconds(10), "asked");
      target.tell(new Go());
      out.expectMessage(Duration.ofSeconds(10), "answer: echo");
      out.expectMessage(Duration.ofSeconds(10), "told after the answer");
    }
  }

  @Test
  void noAnswerWithinTheTimeoutArrivesAsAFailure() {
    TestProbe<Ask> silent = testKit.createTestProbe();
    TestProbe<String> out = testKit.createTestProbe();
    testKit.spawn(asker(silent.getRef(), Duration.ofMillis(200), out.getRef()));
    silent.expectMessageClass(Ask.class);
    String got = out.receiveMessage(Duration.ofSeconds(10));
    assertTrue(got.startsWith("failed: ") && got.contains("Timeout"), got);
  }

  @Test
  void anErrorStatusArrivesAsAFailureWithItsMessage() {
    Behavior<AskStatus> refusing = Behaviors.receiveMessage(m -> {
      m.replyTo().tell(StatusReply.error("refused: " + m.text()));
      return Behaviors.same();
    });
    Behavior<AskStatus> accepting = Behaviors.receiveMessage(m -> {
      m.replyTo().tell(StatusReply.success("ok " + m.text()));
      return Behaviors.same();
    });
    TestProbe<String> out = testKit.createTestProbe();
    for (Behavior<AskStatus> target : java.util.List.of(refusing, accepting)) {
      ActorRef<AskStatus> ref = testKit.spawn(target);
      testKit.spawn(Behaviors.<String>setup(ctx -> {
        DirectAsk.askWithStatus(ctx, String.class, ref, Duration.ofSeconds(30), rt -> new AskStatus("x", rt),
            (v, e) -> v != null ? "answer: " + v : "failed: " + e.getMessage());
        return Behaviors.receiveMessage(m -> {
          out.tell(m);
          return Behaviors.same();
        });
      }));
      out.expectMessage(Duration.ofSeconds(10), target == refusing ? "failed: refused: x" : "answer: ok x");
    }
  }
}
