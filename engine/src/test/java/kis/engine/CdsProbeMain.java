package kis.engine;

/** The main class of the tiny jar {@link CdsLauncherTest} starts through packaging/kis-trader.sh. */
public final class CdsProbeMain {
  private CdsProbeMain() {}

  public static void main(String[] args) {
    System.out.println("probe started " + String.join(" ", args));
  }
}
