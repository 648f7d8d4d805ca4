package kis.bench;

import java.util.EnumMap;
import java.util.HashSet;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where one engine start is, read from the lines {@code run} prints (its console: the log lines a
 * user sees, README "What a healthy run looks like"), each stamped by the harness when it arrived on
 * the child's stdout. Pure: lines and instants in, phase offsets out, so {@code RestartMarksTest}
 * pins the patterns.
 *
 * <p>LIVE, as the loop means it: the KIS connection reported LIVE (token, approval key,
 * websocket open, every registration subscribed and the gap since the last connection reconciled:
 * {@code KIS connection SUBSCRIBING -> LIVE: subscribed and reconciled}) <b>and</b> every agent
 * recovered, reconciled against the account and allowed to trade ({@code agent X reconciled; it
 * may trade}, once per agent). Whichever comes last is the moment the engine trades again.
 */
final class RestartMarks {

  /** The phases of a start, in the order they normally come; each is stamped the first time it is seen. */
  enum Phase {
    FIRST_LINE("first line on the console (JVM, classes, configuration)"),
    JOURNAL_CHECK("journal check against the marks"),
    ACTOR_SYSTEM("actor system up (its logger started)"),
    ACCOUNT("account desk started"),
    JOURNAL_OPEN("journal plugin started"),
    AGENTS_REGISTERED("every agent registered with the account"),
    DASHBOARD("dashboard listening"),
    TOKEN("token and approval key ready (AUTHENTICATING -> CONNECTING)"),
    SOCKET("websocket open (CONNECTING -> SUBSCRIBING)"),
    GAP_FILL("gap-fill reconciliation after connect done"),
    CONNECTION_LIVE("KIS connection LIVE"),
    AGENTS_ENABLED("every agent reconciled, may trade"),
    LIVE("LIVE: connection LIVE and every agent may trade");

    final String text;

    Phase(String text) {
      this.text = text;
    }
  }

  private static final Pattern ENABLED = Pattern.compile("agent (\\S+) reconciled; it may trade");
  private static final Pattern REGISTERED = Pattern.compile(" - (\\S+): registered with the account on ");
  private static final Pattern DASHBOARD_URL = Pattern.compile("^Dashboard: http://127\\.0\\.0\\.1:(\\d+)/");

  private final int agents;
  private final Map<Phase, Long> at = new EnumMap<>(Phase.class);
  private final Set<String> registered = new HashSet<>();
  private final Set<String> enabled = new HashSet<>();
  private int dashboardPort = -1;
  private long fills;

  RestartMarks(int agents) {
    this.agents = agents;
  }

  /** One console line that arrived {@code nanos} after the process was started. */
  void accept(String line, long nanos) {
    if (line.endsWith(" compiler directives added")) {
      return; // the JVM's own line as it starts (the launcher's JIT directives), not the engine's
    }
    mark(Phase.FIRST_LINE, nanos);
    if (line.contains("journal check: every journal against its mark")) {
      mark(Phase.JOURNAL_CHECK, nanos);
    } else if (line.contains("Slf4jLogger started")) {
      mark(Phase.ACTOR_SYSTEM, nanos);
    } else if (line.contains("starts on this node")) {
      mark(Phase.ACCOUNT, nanos);
    } else if (line.contains("Auto-starting journal plugin")) {
      mark(Phase.JOURNAL_OPEN, nanos);
    } else if (line.contains("AUTHENTICATING -> CONNECTING")) {
      mark(Phase.TOKEN, nanos);
    } else if (line.contains("CONNECTING -> SUBSCRIBING")) {
      mark(Phase.SOCKET, nanos);
    } else if (line.contains("gap fill after connect")) {
      mark(Phase.GAP_FILL, nanos);
    } else if (line.contains("KIS connection ") && line.contains("-> LIVE")) {
      mark(Phase.CONNECTION_LIVE, nanos);
    } else if (line.startsWith("Dashboard off")) {
      dashboardPort = 0;
    } else if (line.contains("alert FILL ")) {
      fills++;
    } else {
      Matcher e = ENABLED.matcher(line);
      Matcher r = REGISTERED.matcher(line);
      Matcher d = DASHBOARD_URL.matcher(line);
      if (e.find()) {
        enabled.add(e.group(1));
        if (enabled.size() >= agents) {
          mark(Phase.AGENTS_ENABLED, nanos);
        }
      } else if (r.find()) {
        registered.add(r.group(1));
        if (registered.size() >= agents) {
          mark(Phase.AGENTS_REGISTERED, nanos);
        }
      } else if (d.find()) {
        dashboardPort = Integer.parseInt(d.group(1));
        mark(Phase.DASHBOARD, nanos);
      }
    }
    if (!at.containsKey(Phase.LIVE) && at.containsKey(Phase.CONNECTION_LIVE) && at.containsKey(Phase.AGENTS_ENABLED)) {
      at.put(Phase.LIVE, Math.max(at.get(Phase.CONNECTION_LIVE), at.get(Phase.AGENTS_ENABLED)));
    }
  }

  private void mark(Phase p, long nanos) {
    at.putIfAbsent(p, nanos);
  }

  /** When the phase was first seen (nanoseconds after the process start), empty if not (yet). */
  OptionalLong at(Phase p) {
    Long v = at.get(p);
    return v == null ? OptionalLong.empty() : OptionalLong.of(v);
  }

  boolean live() {
    return at.containsKey(Phase.LIVE);
  }

  /** The dashboard's port from its {@code Dashboard: http://127.0.0.1:PORT/} line, -1 before it, 0 if it is off. */
  int dashboardPort() {
    return dashboardPort;
  }

  /** {@code alert FILL} lines seen: fills journaled in this run. */
  long fills() {
    return fills;
  }

  int agentsEnabled() {
    return enabled.size();
  }
}
