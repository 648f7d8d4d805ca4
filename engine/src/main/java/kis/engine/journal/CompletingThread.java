package kis.engine.journal;

import java.util.concurrent.Executor;

/**
 * Runs a read's continuation on the thread that completed the read. The journal's reads come back
 * as Pekko/Scala futures; the Java view of one ({@code FutureConverters.asJava}) runs even
 * {@code whenComplete} and {@code thenApply} asynchronously on the common fork-join pool, and on
 * fewer than three cores, where the JDK sizes that pool at one thread, on a <b>new thread per
 * step</b>: a thread started and ended per agent recovering (bench/README.md, {@code crash8}). The
 * continuations here only count a read done, check a number or tell an actor: nothing that
 * blocks, so they run where the read ended.
 */
final class CompletingThread {
  static final Executor EXECUTOR = Runnable::run;

  private CompletingThread() {}
}
