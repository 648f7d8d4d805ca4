package kis.journal;

/**
 * Our identity for an armed protective order (a stop, take-profit or trailing stop the engine
 * watches itself): {@code <agent>-p<sequence>}, assigned by the agent when it journals the arming,
 * so replay and restarts agree. Never sent to KIS; the order it sends when it fires has a
 * {@link ClientOrderId} of its own.
 */
public record ProtectiveId(String value) implements Comparable<ProtectiveId>, JournalSerializable {
  public ProtectiveId {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("protective order id must not be blank");
    }
  }

  public static ProtectiveId of(AgentId agent, long sequence) {
    return new ProtectiveId(agent.value() + "-p" + sequence);
  }

  @Override
  public int compareTo(ProtectiveId o) {
    return value.compareTo(o.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
