package kis.engine.dashboard;

/** The engine's answer to a control action. {@code ok == false} is a refusal with the reason. */
public record ControlResult(boolean ok, String message) {
  public static ControlResult done(String message) {
    return new ControlResult(true, message);
  }

  public static ControlResult refused(String reason) {
    return new ControlResult(false, reason);
  }
}
