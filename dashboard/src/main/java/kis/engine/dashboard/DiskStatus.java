package kis.engine.dashboard;

import java.time.Instant;

/**
 * The data dir's free space as the engine's order stop sees it.
 *
 * @param low new orders are stopped until the disk has room again (cancels still go out)
 * @param freeBytes usable bytes at the last look, {@code -1} if unknown
 * @param minFreeBytes the margin ({@code kis-trader.disk.min-free}), {@code -1} if unknown
 * @param since when {@code low} last changed, null if unknown
 * @param detail why new orders are stopped, in words; empty while there is room
 */
public record DiskStatus(boolean low, long freeBytes, long minFreeBytes, Instant since, String detail) {
  public static DiskStatus unknown() {
    return new DiskStatus(false, -1, -1, null, "");
  }
}
