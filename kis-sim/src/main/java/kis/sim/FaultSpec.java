package kis.sim;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A fault-injection spec as text: comma-separated {@code key=value} pairs, used both at start
 * ({@code sim --faults ...}, {@code kis-sim.faults}) and at run time ({@code POST /sim/faults}).
 *
 * <p>Keys (see kis-sim/README.md for the full table):
 * {@code rest-fault=500|timeout}, {@code rest-fault-count=N}, {@code rest-fault-applied=true|false},
 * {@code rest-fault-path=order-cash}, {@code rest-timeout-ms=N}, {@code rate-limit-burst=N}, {@code rate-limit-path=order-cash},
 * {@code token-expire=now}, {@code ws-drop=now}, {@code ws-drop-every-ms=N}, {@code ws-silent=true|false},
 * {@code pingpong=on|off}, {@code notice-before-reply=true|false}, {@code notice-delay-ms=N},
 * {@code notice-duplicate=N|all|off}, {@code notice-loss=N|all|off}, {@code clear=all}.
 */
public record FaultSpec(Map<String, String> settings) {
  static final Set<String> KEYS = Set.of(
      "rest-fault", "rest-fault-count", "rest-fault-applied", "rest-fault-path", "rest-timeout-ms",
      "rate-limit-burst", "rate-limit-path", "token-expire", "ws-drop", "ws-drop-every-ms", "ws-silent", "pingpong", "notice-before-reply",
      "notice-delay-ms", "notice-duplicate", "notice-loss", "clear");

  public FaultSpec {
    for (String k : settings.keySet()) {
      if (!KEYS.contains(k)) {
        throw new IllegalArgumentException("unknown fault key '" + k + "'; known: " + KEYS);
      }
    }
    settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
  }

  public static FaultSpec none() {
    return new FaultSpec(Map.of());
  }

  /** Parses {@code "k=v,k=v"}; blank means no faults. */
  public static FaultSpec parse(String text) {
    Map<String, String> m = new LinkedHashMap<>();
    if (text != null) {
      for (String part : text.split("[,;\\s]+")) {
        if (part.isBlank()) {
          continue;
        }
        int eq = part.indexOf('=');
        if (eq <= 0) {
          throw new IllegalArgumentException("fault spec entries are key=value, got '" + part + "'");
        }
        m.put(part.substring(0, eq).trim(), part.substring(eq + 1).trim());
      }
    }
    return new FaultSpec(m);
  }

  public boolean isEmpty() {
    return settings.isEmpty();
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    settings.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : ",").append(k).append('=').append(v));
    return sb.toString();
  }
}
