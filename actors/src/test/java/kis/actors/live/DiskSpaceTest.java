package kis.actors.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiskSpaceTest {
  private static final long MIB = 1L << 20;
  private final AtomicLong free = new AtomicLong(10_000 * MIB);
  private final Clock clock = Clock.fixed(Instant.parse("2026-12-07T01:00:00Z"), ZoneOffset.UTC);
  private final DiskSpace disk = new DiskSpace(free::get,
      new DiskSpace.Settings(256 * MIB, 512 * MIB, Duration.ofSeconds(5)), Path.of("data"), clock);

  @Test
  void belowTheMarginItTurnsLowAndOnlyAboveTheResumeMarkBackWithOneNoticeEachWay() {
    List<DiskSpace.State> heard = new ArrayList<>();
    disk.onChange(heard::add);
    assertFalse(disk.check().low());

    free.set(255 * MIB);
    DiskSpace.State low = disk.check();
    assertTrue(low.low());
    assertTrue(low.detail().contains("255 MiB free in data") && low.detail().contains("kis-trader.disk.min-free")
        && low.detail().contains("cancels still go out"), low.detail());
    free.set(400 * MIB); // above the margin, below the resume mark: still low (no flapping)
    assertTrue(disk.check().low());
    free.set(512 * MIB);
    assertFalse(disk.check().low());
    free.set(300 * MIB);
    assertFalse(disk.check().low(), "above the margin while there is room");

    assertEquals(List.of(true, false), heard.stream().map(DiskSpace.State::low).toList());
    assertEquals(300 * MIB, disk.state().freeBytes());
  }

  @Test
  void anUnreadableFileSystemChangesNothing() {
    free.set(100 * MIB);
    assertTrue(disk.check().low());
    DiskSpace flaky = new DiskSpace(() -> {
      throw new UncheckedIOException(new java.io.IOException("stale NFS handle"));
    }, DiskSpace.Settings.defaults(), Path.of("data"), clock);
    assertEquals(DiskSpace.State.unknown(), flaky.check());
  }

  @Test
  void settingsDefaultTo256MibWithResumeAtTwiceTheMarginAndRefuseAResumeBelowIt() {
    assertEquals(new DiskSpace.Settings(256 * MIB, 512 * MIB, Duration.ofSeconds(5)),
        DiskSpace.Settings.fromConfig(ConfigFactory.empty()));
    assertEquals(new DiskSpace.Settings(1024 * MIB, 2048 * MIB, Duration.ofSeconds(2)), DiskSpace.Settings.fromConfig(
        ConfigFactory.parseString("kis-trader.disk { min-free = 1GiB, check-every = 2s }")));
    assertThrows(IllegalArgumentException.class, () -> DiskSpace.Settings.fromConfig(
        ConfigFactory.parseString("kis-trader.disk { min-free = 1GiB, resume-free = 100MiB }")));
  }

  @Test
  void theRealReaderReadsTheFileSystemOfTheNearestExistingParent(@TempDir Path tmp) {
    long usable = DiskSpace.usableSpaceOf(tmp.resolve("not/yet/data")).getAsLong();
    assertTrue(usable > 0, "usable " + usable);
  }
}
