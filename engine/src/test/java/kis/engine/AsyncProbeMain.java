package kis.engine;

import java.util.concurrent.CompletableFuture;

/** Started by {@link AsyncContinuationsTest} in a JVM of its own: where two async steps run, after {@code main}'s first line. */
public final class AsyncProbeMain {
  private AsyncProbeMain() {}

  public static void main(String[] args) {
    if (args.length == 0 || !args[0].equals("jdk-default")) {
      AsyncContinuations.onCommonPool();
    }
    for (int i = 0; i < 2; i++) {
      System.out.println("step ran on " + CompletableFuture.supplyAsync(() -> Thread.currentThread().getName()).join());
    }
  }
}
