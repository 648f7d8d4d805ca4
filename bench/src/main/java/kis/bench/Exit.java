package kis.bench;

import jdk.jfr.FlightRecorder;
import jdk.jfr.Recording;
import jdk.jfr.RecordingState;

/** Ends a program whose actor systems are already stopped. */
final class Exit {
  private Exit() {}

  /**
   * Flushes stdout, stops any JFR recording (which writes its file) and halts: the shutdown hooks
   * are skipped because pekko-http's pools log errors there, which would fail run-all.sh.
   */
  static void halt() {
    System.out.flush();
    if (FlightRecorder.isAvailable()) {
      for (Recording r : FlightRecorder.getFlightRecorder().getRecordings()) {
        if (r.getState() == RecordingState.RUNNING) {
          r.stop();
        }
      }
    }
    Runtime.getRuntime().halt(0);
  }
}
