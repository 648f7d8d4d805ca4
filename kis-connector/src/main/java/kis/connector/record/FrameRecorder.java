package kis.connector.record;

import java.io.BufferedWriter;
import java.io.FileOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.zip.GZIPOutputStream;
import kis.connector.ws.FrameTap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records every market-data frame it is shown, with the instant it arrived, into the day's file
 * ({@link RecordingFiles}): one gzip member per recorder (per engine run), appended to the day's
 * file, so a restart on the same day adds to it and {@link RecordingReader} reads the members as one
 * stream. The writer takes what is queued at most once per {@link #BATCH_EVERY} and sync-flushes
 * the member after each batch, so a crash loses at most the frames of the last 100 ms or so and
 * leaves a torn member the reader tolerates. Taking every frame as it came woke the writer and
 * compressed, flushed and wrote once per frame, a thousand times a second at a busy feed, on the
 * same two cores whose wake-ups the journal's fsync waits for.
 *
 * <p>The feed never waits for the disk: {@link #marketFrame} only offers the frame to a bounded
 * queue (a full queue drops and counts it) and a writer thread of its own does the I/O. An I/O
 * error (a full disk, a folder that cannot be written) ends recording for this run with one error
 * log and a failure in {@link #status()}; trading goes on.
 */
public final class FrameRecorder implements FrameTap, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(FrameRecorder.class);
  private static final long POLL_MILLIS = 200;
  /** The writer takes a batch at most this often: one wake-up, one flush and one write per batch, not per frame. */
  static final java.time.Duration BATCH_EVERY = java.time.Duration.ofMillis(100);
  private static final long CLOSE_WAIT_MILLIS = 10_000;

  /** Opens a day's file for appending; tests fail it to stand in for a full disk. */
  interface Opener {
    OutputStream append(Path file) throws IOException;
  }

  static final Opener DISK = file -> new FileOutputStream(file.toFile(), true);

  private final RecordingSettings settings;
  private final Clock clock;
  private final Opener files;
  private final ArrayBlockingQueue<RecordedFrame> queue;
  private final AtomicLong frames = new AtomicLong();
  private final AtomicLong dropped = new AtomicLong();
  private final AtomicLong written = new AtomicLong();
  private final long bytesAtStart;
  private final Thread writer;
  private volatile boolean on;
  private volatile boolean closing;
  private volatile String failure;
  private LocalDate openDay;
  private Writer out;

  private FrameRecorder(RecordingSettings settings, Clock clock, Opener files, long bytesAtStart) {
    this.settings = settings;
    this.clock = clock;
    this.files = files;
    this.bytesAtStart = bytesAtStart;
    this.queue = new ArrayBlockingQueue<>(settings.queueCapacity());
    this.writer = new Thread(this::writeLoop, "kis-frame-recorder");
    writer.setDaemon(true);
  }

  /**
   * Applies the retention (older files deleted), logs what the folder holds and starts recording;
   * a recorder that records nothing when {@code settings} say it is off or the folder cannot be made.
   */
  public static FrameRecorder start(RecordingSettings settings, Clock clock) {
    return start(settings, clock, DISK);
  }

  static FrameRecorder start(RecordingSettings settings, Clock clock, Opener files) {
    if (!settings.enabled()) {
      if (!settings.equals(RecordingSettings.OFF)) {
        LOG.info("market-data recording is off (kis-trader.recording.enabled = false)");
      }
      return new FrameRecorder(settings, clock, files, 0);
    }
    Path folder = settings.folder();
    String failed = null;
    List<Path> deleted = List.of();
    try {
      Files.createDirectories(folder);
      deleted = RecordingFiles.deleteOlderThan(folder, LocalDate.now(clock.withZone(RecordingFiles.KST)),
          settings.retentionDays());
    } catch (IOException | RuntimeException e) {
      failed = describe(e);
    }
    long held = failed == null ? RecordingFiles.totalBytes(folder) : 0;
    FrameRecorder r = new FrameRecorder(settings, clock, files, held);
    if (failed != null) {
      r.failure = failed;
      LOG.error("market-data recording is disabled: the folder {} cannot be used ({}); trading goes on", folder,
          failed);
      return r;
    }
    int days;
    try {
      days = RecordingFiles.list(folder).size();
    } catch (IOException e) {
      days = 0;
    }
    LOG.info("recording market data into {}: {} held in {} day file(s), keeping {} day(s){}", folder,
        RecordingStatus.mib(held), days, settings.retentionDays() <= 0 ? "all" : settings.retentionDays(),
        deleted.isEmpty() ? "" : ", deleted " + deleted.size() + " older file(s)");
    r.on = true;
    r.writer.start();
    return r;
  }

  @Override
  public void marketFrame(String frame) {
    if (!on) {
      return;
    }
    if (!queue.offer(new RecordedFrame(clock.instant(), frame)) && dropped.getAndIncrement() == 0) {
      LOG.warn("the market-data recorder falls behind; frames are dropped from the recording (counted), "
          + "never from trading");
    }
  }

  /** What the recorder is doing now. */
  public RecordingStatus status() {
    return new RecordingStatus(on, Optional.ofNullable(failure), bytesAtStart + written.get(), frames.get(),
        dropped.get());
  }

  /** Writes what is queued, ends this run's gzip member and stops. Idempotent; bounded wait. */
  @Override
  public void close() {
    closing = true;
    LockSupport.unpark(writer);
    if (writer.isAlive() && Thread.currentThread() != writer) {
      try {
        writer.join(CLOSE_WAIT_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    on = false;
  }

  private void writeLoop() {
    List<RecordedFrame> batch = new ArrayList<>();
    try {
      while (!closing || !queue.isEmpty()) {
        RecordedFrame first = queue.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        long taken = System.nanoTime();
        batch.add(first);
        queue.drainTo(batch);
        for (RecordedFrame f : batch) {
          write(f);
        }
        frames.addAndGet(batch.size());
        batch.clear();
        // Sync-flushed: what is on disk decodes up to here even if the engine dies next.
        out.flush();
        awaitNextBatch(taken);
      }
      endMember();
    } catch (IOException | RuntimeException e) {
      fail(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      fail(e);
    }
  }

  /** Lets frames gather until {@link #BATCH_EVERY} has passed since the last batch was taken; a close ends the wait. */
  private void awaitNextBatch(long takenNanos) {
    long until = takenNanos + BATCH_EVERY.toNanos();
    for (long left = until - System.nanoTime(); left > 0 && !closing; left = until - System.nanoTime()) {
      LockSupport.parkNanos(this, left);
    }
  }

  private void write(RecordedFrame f) throws IOException {
    LocalDate day = f.receivedAt().atZone(RecordingFiles.KST).toLocalDate();
    if (!day.equals(openDay)) {
      endMember();
      Path file = RecordingFiles.fileOf(settings.folder(), day);
      OutputStream raw = new Counting(files.append(file), written);
      out = new BufferedWriter(new OutputStreamWriter(new GZIPOutputStream(raw, 1 << 16, true),
          StandardCharsets.UTF_8), 1 << 16);
      openDay = day;
    }
    out.write(f.line());
    out.write('\n');
  }

  private void endMember() throws IOException {
    if (out != null) {
      Writer w = out;
      out = null;
      openDay = null;
      w.close(); // finishes the gzip member (its trailer) and closes the file
    }
  }

  private void fail(Exception e) {
    on = false;
    failure = describe(e);
    queue.clear();
    LOG.error("market-data recording stopped after {} frames: {}; trading goes on unrecorded", frames.get(), failure);
    if (out != null) {
      try {
        out.close();
      } catch (IOException | RuntimeException ignored) {
        // The disk already failed us; the torn member is tolerated on read.
      }
      out = null;
    }
  }

  private static String describe(Exception e) {
    return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
  }

  /** Counts the compressed bytes that reach the file. */
  private static final class Counting extends FilterOutputStream {
    private final AtomicLong count;

    Counting(OutputStream out, AtomicLong count) {
      super(out);
      this.count = count;
    }

    @Override
    public void write(int b) throws IOException {
      out.write(b);
      count.incrementAndGet();
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
      count.addAndGet(len);
    }
  }
}
