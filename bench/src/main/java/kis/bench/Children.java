package kis.bench;

import java.io.IOException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The child processes a harness started, killed however it ends: each by its owner in a
 * {@code finally}, and whatever is left by a shutdown hook (an exception, Ctrl-C, SIGTERM). Only
 * a SIGKILL of the harness itself can leave one behind.
 */
final class Children {
  private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(Children::killAll, "bench-kill-children"));
  }

  private Children() {}

  static Process start(ProcessBuilder pb) throws IOException {
    Process p = pb.start();
    RUNNING.add(p);
    return p;
  }

  /** SIGKILL (destroyForcibly on Linux) to the process and its descendants; waits up to 30 s for it to be gone. */
  static void kill(Process p) {
    p.descendants().forEach(ProcessHandle::destroyForcibly);
    p.destroyForcibly();
    try {
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        System.err.println("bench: child " + p.pid() + " still alive 30 s after SIGKILL");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    RUNNING.remove(p);
  }

  static void killAll() {
    for (Process p : Set.copyOf(RUNNING)) {
      kill(p);
    }
  }
}
