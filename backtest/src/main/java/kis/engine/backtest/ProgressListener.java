package kis.engine.backtest;

/** Told how far a backtest is; called from the backtest's own thread. */
@FunctionalInterface
public interface ProgressListener {
  ProgressListener NONE = (done, total) -> {};

  void progress(long done, long total);
}
