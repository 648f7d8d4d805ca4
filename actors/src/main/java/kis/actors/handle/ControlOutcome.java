package kis.actors.handle;

/** What a control did: done, or refused and why; the message is for the operator. */
public record ControlOutcome(boolean done, String message) {

  public static ControlOutcome done(String message) {
    return new ControlOutcome(true, message);
  }

  public static ControlOutcome refused(String message) {
    return new ControlOutcome(false, message);
  }
}
