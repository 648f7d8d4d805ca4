package kis.engine.journal;

import com.typesafe.config.Config;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedTransferQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.dispatch.DispatcherPrerequisites;
import org.apache.pekko.dispatch.ExecutorServiceConfigurator;
import org.apache.pekko.dispatch.ExecutorServiceFactory;
import org.apache.pekko.dispatch.MonitorableThreadFactory;

/**
 * The journal's replay pool ({@link ReplayThreads}): up to {@code thread-pool-executor.fixed-pool-size}
 * threads, a task handed to an idle thread when there is one, a new thread started only when every
 * started one is busy, and tasks queued only when all of them are. A fixed thread pool starts a new
 * thread for each task until it holds its size, idle threads or not: a start of 100 agents, whose
 * reads are a LevelDB get each and overlap by a few at most, started all 58 (bench/README.md,
 * {@code crash8}). The guarantee {@link ReplayThreads} sizes the pool for holds as before: a read
 * never waits behind other agents' replays while fewer than the maximum run.
 *
 * <p>Set as the dispatcher's {@code executor}; reads {@code thread-pool-executor.fixed-pool-size}
 * and {@code thread-pool-executor.keep-alive-time} (how long an idle thread waits before it ends)
 * of the same dispatcher.
 */
public final class ReplayPool extends ExecutorServiceConfigurator {
  static final String MAX_THREADS = "thread-pool-executor.fixed-pool-size";
  static final String KEEP_ALIVE = "thread-pool-executor.keep-alive-time";
  private final int maxThreads;
  private final Duration keepAlive;

  public ReplayPool(Config config, DispatcherPrerequisites prerequisites) {
    super(config, prerequisites);
    maxThreads = config.getInt(MAX_THREADS);
    if (maxThreads < 1) {
      throw new IllegalArgumentException(MAX_THREADS + " must be at least 1, was " + maxThreads);
    }
    keepAlive = config.getDuration(KEEP_ALIVE);
  }

  @Override
  public ExecutorServiceFactory createExecutorServiceFactory(String id, ThreadFactory threadFactory) {
    // Named as Pekko's own pools name their threads: <system>-<dispatcher id>-<n>.
    ThreadFactory named = threadFactory instanceof MonitorableThreadFactory m ? m.withName(m.name() + "-" + id)
        : threadFactory;
    return () -> create(maxThreads, keepAlive, named);
  }

  /** The pool itself: idle threads first, then new ones up to {@code maxThreads}, then the queue. */
  static ExecutorService create(int maxThreads, Duration keepAlive, ThreadFactory threadFactory) {
    HandOff queue = new HandOff();
    return new ThreadPoolExecutor(0, maxThreads, keepAlive.toNanos(), TimeUnit.NANOSECONDS, queue, threadFactory,
        (task, pool) -> {
          if (pool.isShutdown()) {
            throw new RejectedExecutionException("the replay pool is shut down");
          }
          queue.enqueue(task); // every thread busy and no more allowed: it waits for the first free one
        });
  }

  /**
   * The executor offers a task to the queue before it starts a thread; this queue takes it only
   * when an idle thread is waiting for it, so the executor starts a thread otherwise (up to its
   * maximum, past which the task is queued for real).
   */
  private static final class HandOff extends LinkedTransferQueue<Runnable> {
    @Override
    public boolean offer(Runnable task) {
      return tryTransfer(task);
    }

    void enqueue(Runnable task) {
      super.offer(task);
    }
  }
}
