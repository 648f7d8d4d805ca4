package kis.connector.record;

import java.util.Optional;

/**
 * What the recorder is doing, for the log and the dashboard.
 *
 * @param recording frames are being written now
 * @param failure why recording stopped (an I/O error, e.g. a full disk); empty while it works or
 *     when it was never on
 * @param bytes the recordings folder's size at start plus what this run has written since (compressed,
 *     as flushed)
 * @param frames frames written by this run
 * @param dropped frames not recorded because the writer fell behind (the feed is never held up)
 */
public record RecordingStatus(boolean recording, Optional<String> failure, long bytes, long frames, long dropped) {
  public static final RecordingStatus OFF = new RecordingStatus(false, Optional.empty(), 0, 0, 0);

  /** One line for the log and the dashboard. */
  public String describe() {
    if (failure.isPresent()) {
      return "recording FAILED (" + failure.get() + "), trading goes on unrecorded";
    }
    return recording ? "recording " + frames + " frames, " + mib(bytes) + " on disk"
        + (dropped > 0 ? ", " + dropped + " dropped" : "") : "recording off";
  }

  static String mib(long bytes) {
    return String.format(java.util.Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024.0));
  }
}
