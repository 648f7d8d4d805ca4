package kis.bench;

/**
 * "Under load": {@code threads} threads in the harness JVM that burn a core each (an xorshift loop)
 * until closed, so the engine restarts with that much less CPU, as on the loaded machine the issue
 * measured on. The load average the run reports says what the machine had besides.
 */
final class CpuHog implements AutoCloseable {
  private volatile boolean stop;
  private volatile long sink;
  private final Thread[] threads;

  private CpuHog(int n) {
    threads = new Thread[n];
    for (int i = 0; i < n; i++) {
      long seed = 0x9E3779B97F4A7C15L * (i + 1);
      threads[i] = new Thread(() -> burn(seed), "cpu-hog-" + i);
      threads[i].setDaemon(true);
      threads[i].start();
    }
  }

  static CpuHog start(int threads) {
    return new CpuHog(threads);
  }

  int threads() {
    return threads.length;
  }

  private void burn(long seed) {
    long x = seed;
    while (!stop) {
      for (int i = 0; i < 100_000; i++) {
        x ^= x << 13;
        x ^= x >>> 7;
        x ^= x << 17;
      }
    }
    sink = x; // keeps the loop from being compiled away
  }

  /** Stops the threads; they are daemons, so one still finishing its last round never holds the JVM up. */
  @Override
  public void close() {
    stop = true;
  }
}
