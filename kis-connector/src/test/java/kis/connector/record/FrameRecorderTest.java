package kis.connector.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import kis.connector.ws.FrameTap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FrameRecorderTest {
  /** 2026-11-24 10:00 KST. */
  static final Instant T0 = Instant.parse("2026-11-24T01:00:00Z");

  @TempDir Path dir;

  /** A clock the test moves; the recorder stamps each frame with it. */
  static final class Stepped extends Clock {
    volatile Instant now;

    Stepped(Instant now) {
      this.now = now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return Clock.fixed(now, zone);
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  RecordingSettings settings() {
    return new RecordingSettings(true, 30, 1024, RecordingFiles.folderOf(dir));
  }

  static String trade(int i) {
    return "0|H0STCNT0|001|005930^0900" + String.format("%02d", i % 60) + "^" + (71_000 + i * 100) + "^2";
  }

  @Test
  void twoRunsOnOneDayAppendTwoGzipMembersThatReadBackInOrderWithTheirReceiveInstants() throws Exception {
    Stepped clock = new Stepped(T0);
    List<RecordedFrame> sent = new ArrayList<>();
    for (int run = 0; run < 2; run++) {
      try (FrameRecorder r = FrameRecorder.start(settings(), clock)) {
        for (int i = 0; i < 5; i++) {
          clock.now = clock.now.plusMillis(250);
          String f = trade(run * 5 + i) + "\\odd\nline";
          r.marketFrame(f);
          sent.add(new RecordedFrame(clock.now, f));
        }
      }
    }
    Path file = RecordingFiles.fileOf(RecordingFiles.folderOf(dir), java.time.LocalDate.of(2026, 11, 24));
    assertTrue(Files.isRegularFile(file));
    RecordingReader.Recording rec = RecordingReader.read(dir);
    assertEquals(sent, rec.frames());
    assertEquals(List.of(), rec.warnings());
  }

  @Test
  void framesGoToTheFileOfTheKoreanDayTheyArrivedOn() throws Exception {
    // 23:59:59 KST on the 24th, then 00:00:01 KST on the 25th.
    Stepped clock = new Stepped(Instant.parse("2026-11-24T14:59:59Z"));
    try (FrameRecorder r = FrameRecorder.start(settings(), clock)) {
      r.marketFrame(trade(1));
      awaitFrames(r, 1);
      clock.now = Instant.parse("2026-11-24T15:00:01Z");
      r.marketFrame(trade(2));
    }
    Path folder = RecordingFiles.folderOf(dir);
    assertEquals(List.of(folder.resolve("2026-11-24.frames.gz"), folder.resolve("2026-11-25.frames.gz")),
        RecordingFiles.list(folder));
    assertEquals(List.of(trade(1)), RecordingReader.read(folder.resolve("2026-11-24.frames.gz")).frames().stream()
        .map(RecordedFrame::frame).toList());
    assertEquals(List.of(trade(2)), RecordingReader.read(folder.resolve("2026-11-25.frames.gz")).frames().stream()
        .map(RecordedFrame::frame).toList());
  }

  @Test
  void aWriteErrorStopsRecordingWithAFlagWhileFramesKeepBeingAcceptedWithoutBlocking() throws Exception {
    CountDownLatch failed = new CountDownLatch(1);
    FrameRecorder.Opener fullDisk = file -> new OutputStream() {
      @Override
      public void write(int b) throws IOException {
        failed.countDown();
        throw new IOException("No space left on device");
      }
    };
    try (FrameRecorder r = FrameRecorder.start(settings(), Clock.fixed(T0, ZoneOffset.UTC), fullDisk)) {
      r.marketFrame(trade(1));
      assertTrue(failed.await(30, TimeUnit.SECONDS));
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (r.status().failure().isEmpty() && System.nanoTime() < deadline) {
        java.util.concurrent.locks.LockSupport.parkNanos(1_000_000L); // pacing the poll
      }
      RecordingStatus st = r.status();
      assertFalse(st.recording());
      assertTrue(st.failure().orElseThrow().contains("No space left on device"), st.toString());
      assertTrue(st.describe().contains("FAILED"), st.describe());
      for (int i = 0; i < 10_000; i++) {
        r.marketFrame(trade(i)); // returns at once: recording is off, nothing is queued
      }
      assertEquals(0, r.status().frames());
    }
  }

  @Test
  void aFullQueueDropsAndCountsFramesInsteadOfWaiting() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch writing = new CountDownLatch(1);
    FrameRecorder.Opener slowDisk = file -> {
      writing.countDown();
      try {
        release.await(30, TimeUnit.SECONDS); // the disk hangs on open
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return Files.newOutputStream(file);
    };
    RecordingSettings tiny = new RecordingSettings(true, 30, 4, RecordingFiles.folderOf(dir));
    try (FrameRecorder r = FrameRecorder.start(tiny, Clock.fixed(T0, ZoneOffset.UTC), slowDisk)) {
      r.marketFrame(trade(0));
      assertTrue(writing.await(30, TimeUnit.SECONDS));
      for (int i = 1; i <= 20; i++) {
        r.marketFrame(trade(i));
      }
      assertEquals(16, r.status().dropped(), r.status().toString());
      release.countDown();
    }
    assertEquals(5, RecordingReader.read(dir).frames().size());
  }

  @Test
  void offMeansNoFolderAndNoFrames() throws Exception {
    RecordingSettings off = new RecordingSettings(false, 30, 16, RecordingFiles.folderOf(dir));
    try (FrameRecorder r = FrameRecorder.start(off, Clock.fixed(T0, ZoneOffset.UTC))) {
      r.marketFrame(trade(1));
      assertFalse(r.status().recording());
    }
    assertFalse(Files.exists(RecordingFiles.folderOf(dir)));
  }

  @Test
  void aBusyFeedIsWrittenAndFlushedOncePerBatchNotOncePerFrame() throws Exception {
    java.util.concurrent.atomic.AtomicInteger flushes = new java.util.concurrent.atomic.AtomicInteger();
    FrameRecorder.Opener counting = file -> new java.io.FilterOutputStream(FrameRecorder.DISK.append(file)) {
      @Override
      public void flush() throws IOException {
        flushes.incrementAndGet();
        super.flush();
      }
    };
    int n = 300;
    try (FrameRecorder r = FrameRecorder.start(settings(), new Stepped(T0), counting)) {
      long start = System.nanoTime();
      for (int i = 0; i < n; i++) {
        r.marketFrame(trade(i));
        java.util.concurrent.locks.LockSupport.parkNanos(1_000_000L); // a feed of ~1,000 frames/s
      }
      awaitFrames(r, n);
      int flushed = flushes.get();
      long batchesAtMost = (System.nanoTime() - start) / FrameRecorder.BATCH_EVERY.toNanos() + 2;
      // A writer that took each frame as it came flushed about once per frame; one batch per
      // BATCH_EVERY at most, however the frames were spaced.
      assertTrue(flushed <= batchesAtMost, flushed + " flushes for " + n + " frames; at most " + batchesAtMost);
    }
    assertEquals(n, RecordingReader.read(dir).frames().size());
  }

  @Test
  void onlyTradeAndBookDataFramesAreMarketFrames() {
    assertTrue(FrameTap.isMarketFrame("0|H0STCNT0|001|005930^090000"));
    assertTrue(FrameTap.isMarketFrame("0|H0STASP0|001|005930^090000"));
    assertTrue(FrameTap.isMarketFrame("0|H0NXCNT0|001|005930^090000"));
    assertFalse(FrameTap.isMarketFrame("1|H0STCNI9|001|ENCRYPTEDNOTICE"), "execution notices carry account data");
    assertFalse(FrameTap.isMarketFrame("{\"header\":{\"tr_id\":\"PINGPONG\"}}"));
    assertFalse(FrameTap.isMarketFrame("{\"header\":{\"tr_id\":\"H0STCNT0\"},\"body\":{\"output\":{\"key\":\"k\"}}}"));
  }

  private static void awaitFrames(FrameRecorder r, long n) {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (r.status().frames() < n) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the recorder did not write " + n + " frames: " + r.status());
      }
      java.util.concurrent.locks.LockSupport.parkNanos(1_000_000L); // pacing the poll
    }
  }
}
