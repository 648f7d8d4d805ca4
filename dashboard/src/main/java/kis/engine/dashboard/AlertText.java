package kis.engine.dashboard;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** An alert as one line a person reads on a phone: time in KST, what, about whom, and what happened. */
final class AlertText {
  private static final DateTimeFormatter KST =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'KST'").withZone(ZoneId.of("Asia/Seoul"));

  private AlertText() {}

  static String of(Alert a) {
    String dropped = a.suppressed() == 0 ? "" : " (" + a.suppressed() + " similar alert(s) held back by the rate limit)";
    return "[kis-trader] " + a.kind() + " " + a.subject() + ": " + a.message() + dropped + " - " + KST.format(a.at());
  }
}
