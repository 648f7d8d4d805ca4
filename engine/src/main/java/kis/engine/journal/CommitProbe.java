package kis.engine.journal;

/**
 * Timestamps of the group-commit journal's write path for benchmarks ({@code bench/}'s
 * tick-to-order split): when the journal actor takes a write request, when the writer thread
 * begins a commit, when LevelDB's synced write returned and when the commit's actors were told,
 * and each marks append with its fsync. Off unless a listener is installed; when off, the journal
 * pays one volatile read per request, per commit and per marks append. A listener runs on the
 * journal actor's, the writer's and the marks thread, so it must be quick and thread-safe.
 */
public final class CommitProbe {

  /** Told about every request, commit and marks append while installed ({@link System#nanoTime()} instants). */
  public interface Listener {
    /** The journal actor took a write request (before serializing it). */
    void received(long nanos);

    /**
     * The writer committed a group: began it (the batch built, then LevelDB's synced write), the
     * write returned, its actors told; how many requests and events it held.
     */
    void committed(long startNanos, long writtenNanos, long answeredNanos, int requests, int events);

    /** The marks thread appended and fsynced the marks of the commits before it. */
    void marked(long startNanos, long endNanos);
  }

  private static volatile Listener listener;

  private CommitProbe() {}

  /** Installs {@code l} for the whole JVM; {@code null} turns probing off. */
  public static void install(Listener l) {
    listener = l;
  }

  /** The installed listener, or {@code null}: callers take the time only when there is one. */
  static Listener listener() {
    return listener;
  }
}
