package kis.connector.record;

import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * One market-data frame as the engine received it: the instant it arrived (the engine's clock) and
 * its text. One line of a recording: {@code <instant>TAB<frame>}, the frame with backslash, newline
 * and carriage return escaped (KIS's frames hold none, but a line must stay one line).
 */
public record RecordedFrame(Instant receivedAt, String frame) {

  public RecordedFrame {
    if (receivedAt == null || frame == null) {
      throw new IllegalArgumentException("a recorded frame needs its instant and its text");
    }
  }

  /** The line, without its line end. */
  public String line() {
    StringBuilder b = new StringBuilder(frame.length() + 32).append(receivedAt).append('\t');
    for (int i = 0; i < frame.length(); i++) {
      char c = frame.charAt(i);
      switch (c) {
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        default -> b.append(c);
      }
    }
    return b.toString();
  }

  /** The frame a line holds; {@link IllegalArgumentException} naming the problem (never the text) otherwise. */
  public static RecordedFrame parse(String line) {
    int tab = line.indexOf('\t');
    if (tab < 0) {
      throw new IllegalArgumentException("no tab between the instant and the frame");
    }
    Instant at;
    try {
      at = Instant.parse(line.substring(0, tab));
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("the receive instant is not an ISO-8601 instant");
    }
    StringBuilder f = new StringBuilder(line.length() - tab);
    for (int i = tab + 1; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c != '\\') {
        f.append(c);
        continue;
      }
      if (++i >= line.length()) {
        throw new IllegalArgumentException("a line ending in a lone backslash");
      }
      char e = line.charAt(i);
      switch (e) {
        case '\\' -> f.append('\\');
        case 'n' -> f.append('\n');
        case 'r' -> f.append('\r');
        default -> throw new IllegalArgumentException("an unknown escape \\" + e);
      }
    }
    return new RecordedFrame(at, f.toString());
  }
}
