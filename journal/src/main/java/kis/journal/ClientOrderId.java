package kis.journal;

/**
 * Our own identity for an order, assigned by the agent before anything is sent. KIS has no client
 * order id, so this one never leaves the engine: it ties the write-ahead {@code OrderRequested} to
 * whatever KIS answers (an {@link OrderNo}) and survives a crash in between.
 */
public record ClientOrderId(String value) implements Comparable<ClientOrderId>, JournalSerializable {
  public ClientOrderId {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("client order id must not be blank");
    }
  }

  /** Deterministic id from the agent and its order sequence, so replay and restarts agree. */
  public static ClientOrderId of(AgentId agent, long sequence) {
    return new ClientOrderId(agent.value() + "-" + sequence);
  }

  /**
   * The number after the last {@code '-'} of {@code value} when it is 1 to 18 decimal digits (an
   * id {@link #of} made: {@code agent-sequence}), else -1: the same number {@code Long.parseLong}
   * reads from that tail, without the substring. The fold and the backtest's broker read it for
   * every order, and callers fall back to their own parse on -1.
   */
  public static long trailingSequence(String value) {
    long n = 0;
    long scale = 1;
    for (int i = value.length() - 1, digits = 0; i >= 0; i--, digits++) {
      char c = value.charAt(i);
      if (c == '-') {
        return digits == 0 ? -1 : n;
      }
      if (c < '0' || c > '9' || digits == 18) {
        return -1;
      }
      n += (c - '0') * scale;
      scale *= 10;
    }
    return -1;
  }

  /**
   * The record's own equality and hash, written out (the same values): the backtest's broker keys a
   * map by the id of every order it places, and the generated methods go through method handles.
   */
  @Override
  public boolean equals(Object o) {
    return o == this || (o instanceof ClientOrderId c && value.equals(c.value));
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }

  @Override
  public int compareTo(ClientOrderId o) {
    return value.compareTo(o.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
