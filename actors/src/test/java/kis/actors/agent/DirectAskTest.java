package kis.actors.agent;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
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

  @Test
  void theAnswerReachesTheAskerWhileTheCommonPoolIsBusy() throws Exception {
    // Pekko's Java ask completes through the common pool; with every one of its threads blocked
    // such an answer would wait for them. This one must not.
    int threads = ForkJoinPool.getCommonPoolParallelism();
    CountDownLatch started = new CountDownLatch(threads);
    CountDownLatch release = new CountDownLatch(1);
    for (int i = 0; i < threads; i++) {
      ForkJoinPool.commonPool().execute(() -> {
        started.countDown();
        try {
          release.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
    }
    try {
      assertTrue(started.await(10, TimeUnit.SECONDS), "the common pool's threads did not all start");
      TestProbe<String> out = testKit.createTestProbe();
      testKit.spawn(asker(testKit.spawn(echo()), Duration.ofSeconds(30), out.getRef()));
      out.expectMessage(Duration.ofSeconds(10), "answer: echo hi");
    } finally {
      release.countDown();
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
