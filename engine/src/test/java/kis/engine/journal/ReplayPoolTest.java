package kis.engine.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedTransferQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The replay pool starts a thread only when every started one is busy, and never more than its maximum. */
@Timeout(120)
class ReplayPoolTest {
  @TempDir Path dir;

  @Test
  void readsOneAfterAnotherShareOneThread() throws Exception {
    ExecutorService pool = ReplayPool.create(58, Duration.ofMinutes(1), Executors.defaultThreadFactory());
    try {
      for (int i = 0; i < 20; i++) {
        CompletableFuture.runAsync(() -> { }, pool).get();
        awaitIdleThread(pool); // the finished thread is back waiting before the next read comes
      }
      assertEquals(1, ((ThreadPoolExecutor) pool).getLargestPoolSize());
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void readsInFlightTogetherEachGetAThreadUpToTheMaximum() throws Exception {
    ExecutorService pool = ReplayPool.create(3, Duration.ofMinutes(1), Executors.defaultThreadFactory());
    CountDownLatch running = new CountDownLatch(3);
    CountDownLatch release = new CountDownLatch(1);
    try {
      for (int i = 0; i < 3; i++) {
        pool.execute(() -> {
          running.countDown();
          await(release);
        });
      }
      running.await(); // none of the three waits behind another
      assertEquals(3, ((ThreadPoolExecutor) pool).getPoolSize());
    } finally {
      release.countDown();
      pool.shutdown();
    }
  }

  @Test
  void pastTheMaximumAReadWaitsForTheFirstFreeThread() throws Exception {
    ExecutorService pool = ReplayPool.create(2, Duration.ofMinutes(1), Executors.defaultThreadFactory());
    CountDownLatch running = new CountDownLatch(2);
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch third = new CountDownLatch(1);
    try {
      for (int i = 0; i < 2; i++) {
        pool.execute(() -> {
          running.countDown();
          await(release);
        });
      }
      running.await();
      pool.execute(third::countDown);
      assertEquals(2, ((ThreadPoolExecutor) pool).getPoolSize());
      assertEquals(1, ((ThreadPoolExecutor) pool).getQueue().size(), "queued, not dropped");
      assertFalse(third.await(0, TimeUnit.MILLISECONDS));
      release.countDown();
      third.await();
      assertEquals(2, ((ThreadPoolExecutor) pool).getLargestPoolSize());
    } finally {
      release.countDown();
      pool.shutdown();
    }
  }

  @Test
  void aShutPoolRefusesReads() {
    ExecutorService pool = ReplayPool.create(2, Duration.ofMinutes(1), Executors.defaultThreadFactory());
    pool.shutdown();
    assertThrows(RejectedExecutionException.class, () -> pool.execute(() -> { }));
  }

  @Test
  void theShippedReplayDispatcherRunsOnIt() throws Exception {
    Config c = EngineConfig.load(Optional.empty(), Optional.of(dir));
    assertEquals(ReplayPool.class.getName(), c.getString(ReplayThreads.DISPATCHER + ".executor"));
    ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "replay-pool", c.withValue(
        "pekko.persistence.journal.auto-start-journals", com.typesafe.config.ConfigValueFactory.fromIterable(
            java.util.List.of())));
    try {
      String thread = CompletableFuture.supplyAsync(() -> Thread.currentThread().getName(),
          system.dispatchers().lookup(org.apache.pekko.actor.typed.DispatcherSelector.fromConfig(
              ReplayThreads.DISPATCHER))).get(60, TimeUnit.SECONDS);
      assertTrue(thread.contains("kis-replay-dispatcher"), thread);
    } finally {
      system.terminate();
      system.getWhenTerminated().toCompletableFuture().get(60, TimeUnit.SECONDS);
    }
  }

  private static void awaitIdleThread(ExecutorService pool) throws InterruptedException {
    LinkedTransferQueue<?> queue = (LinkedTransferQueue<?>) ((ThreadPoolExecutor) pool).getQueue();
    while (!queue.hasWaitingConsumer()) {
      Thread.sleep(1);
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
