package kis.connector;

/**
 * Timestamps for benchmarks ({@code bench/}'s tick-to-order latency): when a websocket frame
 * reaches the connector and when a REST request is handed to the HTTP client. Off unless a
 * listener is installed; when off, the connector pays one volatile read per frame and per request.
 * A listener runs on the connector's stream and client threads, so it must be quick and
 * thread-safe; it sees frame text and request paths, never headers (which hold secrets).
 */
public final class LatencyProbe {

  /** Told about every frame and request while installed. */
  public interface Listener {
    /** A websocket frame's text, as it reaches the connector, before parsing or decryption. */
    void frameReceived(long nanoTime, String frame);

    /** A REST request about to leave: {@code GET} or {@code POST}, its path (and query), after token and permits. */
    void requestSending(long nanoTime, String method, String pathAndQuery);
  }

  private static volatile Listener listener;

  private LatencyProbe() {}

  /** Installs {@code l} for the whole JVM; {@code null} turns probing off. */
  public static void install(Listener l) {
    listener = l;
  }

  /** The installed listener, or {@code null}: callers take the time only when there is one. */
  public static Listener listener() {
    return listener;
  }
}
