package kis.engine;

import java.util.Properties;

/**
 * Where {@code CompletableFuture} runs the engine's async continuations: the common fork-join pool,
 * on every host. On fewer than three cores the JDK sizes the common pool at one thread, and then
 * {@code CompletableFuture} runs every async step on a <b>new thread of its own</b>
 * ({@code ThreadPerTaskExecutor}); Pekko's javadsl asks return futures that run even
 * {@code thenApply} that way, so each ask answered (the status log's and the dashboard's reads,
 * the reconciler's, the HTTP transport's replies) started and ended a thread: about 500 before LIVE
 * on a restart of 10 agents, all session long after (bench/README.md, branches {@code live6},
 * {@code live7}). With a pool of two the continuations reuse its threads, as they already do on
 * every host of three cores or more. An operator's own
 * {@code -Djava.util.concurrent.ForkJoinPool.common.parallelism} is kept.
 */
final class AsyncContinuations {
  static final String PARALLELISM = "java.util.concurrent.ForkJoinPool.common.parallelism";
  /** The smallest common pool with which {@code CompletableFuture} uses it rather than a thread per step. */
  static final int POOL = 2;

  private AsyncContinuations() {}

  /**
   * Sizes the common pool for this JVM; must run before anything touches {@code ForkJoinPool} or
   * an async {@code CompletableFuture} step (the first line of {@code main}), which fixes the size.
   */
  static void onCommonPool() {
    onCommonPool(System.getProperties(), Runtime.getRuntime().availableProcessors());
  }

  /** The JDK's default is one thread less than the cores; below {@link #POOL} it is raised to it, unless set. */
  static void onCommonPool(Properties system, int cores) {
    if (system.getProperty(PARALLELISM) == null && cores - 1 < POOL) {
      system.setProperty(PARALLELISM, Integer.toString(POOL));
    }
  }
}
