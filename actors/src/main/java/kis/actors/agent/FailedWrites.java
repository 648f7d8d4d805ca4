package kis.actors.agent;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import kis.journal.AgentId;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Extension;
import org.apache.pekko.actor.typed.ExtensionId;

/**
 * The journal writes of each agent that failed for real since the engine started (a full disk, the
 * marks broken, an event the journal rejected): how many, the last one's cause and when. The
 * RECOVERING row ({@link Recoveries}) shows a failure only while the restart it causes recovers;
 * this is kept after the agent trades again or is parked, so the dashboard and {@code status} still
 * show that it had them. Writes the journal merely did not confirm in time are not here (they never
 * count toward parking). Per node, an extension as {@link Recoveries}. A cause is shown with
 * whatever looks like a credential masked ({@link #masked}).
 */
public final class FailedWrites implements Extension {
  private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'KST'")
      .withZone(ZoneId.of("Asia/Seoul"));
  private static final Pattern KEY_VALUE = Pattern.compile(
      "(?i)\\b(password|passwd|pwd|secret|appsecret|app_secret|appkey|app_key|api[-_]?key|access[-_]?token|token"
          + "|authorization)(\\s*[=:]\\s*)(bearer\\s+)?[^\\s&;,)'\"]+");
  private static final Pattern USER_INFO = Pattern.compile("://[^/\\s:@]+:[^/\\s@]+@");
  private static final Pattern BEARER = Pattern.compile("(?i)\\bbearer\\s+[A-Za-z0-9._~+/=-]+");

  /**
   * An agent's failed writes.
   *
   * @param total since the engine started
   * @param inARowAtLast of the last one, how many in a row had failed then (a write that succeeds ends a row)
   * @param parkAfter how many in a row park the agent
   * @param lastCause the last one's cause, masked
   * @param lastAt when the last one failed
   */
  public record History(int total, int inARowAtLast, int parkAfter, String lastCause, Instant lastAt) {
    /** As an operator reads it beside the agent's row. */
    public String describe() {
      return "journal writes failed " + total + (total == 1 ? " time" : " times") + " since the engine started, the"
          + " last at " + SHOWN.format(lastAt) + " (" + lastCause + ")"
          + (inARowAtLast >= parkAfter ? ", " + inARowAtLast + " in a row, which parked it" : "");
    }
  }

  private final Map<AgentId, History> histories = new ConcurrentHashMap<>();

  private FailedWrites() {}

  public static FailedWrites get(ActorSystem<?> system) {
    return Id.INSTANCE.apply(system);
  }

  /** {@code journalId}'s failed writes since the engine started; empty if none. */
  public Optional<History> of(AgentId journalId) {
    return Optional.ofNullable(histories.get(journalId));
  }

  /** One more of {@code journalId}'s writes failed for real at {@code at}, the {@code inARow}th in a row. */
  void failed(AgentId journalId, int inARow, int parkAfter, String cause, Instant at) {
    histories.merge(journalId, new History(1, inARow, parkAfter, masked(cause), at),
        (was, now) -> new History(was.total() + 1, inARow, parkAfter, now.lastCause(), at));
  }

  /**
   * {@code cause} with what looks like a credential masked: {@code password=}, {@code appsecret:}
   * and the like, a URL's {@code user:password@}, a bearer token. A cause is an exception's message,
   * which may quote a connection URL or a request.
   */
  public static String masked(String cause) {
    String out = USER_INFO.matcher(String.valueOf(cause)).replaceAll("://***@");
    out = KEY_VALUE.matcher(out).replaceAll("$1$2***");
    return BEARER.matcher(out).replaceAll("Bearer ***");
  }

  private static final class Id extends ExtensionId<FailedWrites> {
    static final Id INSTANCE = new Id();

    @Override
    public FailedWrites createExtension(ActorSystem<?> system) {
      return new FailedWrites();
    }
  }
}
