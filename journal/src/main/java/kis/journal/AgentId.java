package kis.journal;

import java.util.regex.Pattern;

/** The identity of a trading agent; also the entity id of its journal ({@code Agent|<id>}). */
public record AgentId(String value) implements Comparable<AgentId> {
  private static final Pattern VALID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");

  public AgentId {
    if (value == null || !VALID.matcher(value).matches()) {
      throw new IllegalArgumentException(
          "agent id must be 1-64 letters, digits, '_', '.', '-' and start with a letter or digit: " + value);
    }
  }

  @Override
  public int compareTo(AgentId o) {
    return value.compareTo(o.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
