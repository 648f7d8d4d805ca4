package kis.bench;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.fusesource.leveldbjni.JniDBFactory;
import org.iq80.leveldb.DB;
import org.iq80.leveldb.Options;
import org.iq80.leveldb.WriteOptions;

/**
 * The disk's price of one durable intent, measured in the run that uses it as a budget: one
 * record of an event's size written to raw LevelDB (leveldbjni) with {@code sync(true)}, one write
 * after the other, each timed. Issue 17's tick-to-order target is the bare ws->REST p99 plus this
 * p99: the engine may add one fsync and nothing else.
 */
final class RawSyncedWrites {
  /**
   * About one journaled order event: its CBOR (~180 bytes; JournalThroughput prints the mean) in
   * the journal's envelope (persistence id, manifest, writer id, sequence number).
   */
  static final int RECORD_BYTES = 300;

  private RawSyncedWrites() {}

  /** Nanoseconds per synced write, for {@code seconds} of writing (at most {@code maxWrites}). */
  static long[] measure(Path dir, double seconds, int maxWrites) throws java.io.IOException {
    Options options = new Options().createIfMissing(true);
    long[] nanos = new long[maxWrites];
    int n = 0;
    byte[] value = new byte[RECORD_BYTES];
    new SplittableRandom(7).nextBytes(value);
    try (DB db = JniDBFactory.factory.open(dir.toFile(), options)) {
      WriteOptions sync = new WriteOptions().sync(true);
      long end = System.nanoTime() + (long) (seconds * 1e9);
      while (n < maxWrites && System.nanoTime() < end) {
        byte[] key = java.nio.ByteBuffer.allocate(12).putInt(7).putLong(n).array();
        long t0 = System.nanoTime();
        db.put(key, value, sync);
        nanos[n++] = System.nanoTime() - t0;
      }
    }
    return Arrays.copyOf(nanos, n);
  }
}
