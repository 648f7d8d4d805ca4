package kis.engine.kis;

import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A kis-sim that runs elsewhere, as {@code kis --sim-url URL [--sim-ws-url URL] [--data-dir DIR]}
 * names it: a standalone {@code kis-trader sim}, or the embedded simulator of a running engine
 * (its URL is on the engine's start line).
 *
 * @param restUrl {@code http://host:port}, without a trailing slash (the token cache is keyed by it,
 *     so it must be spelt as the engine spells it)
 * @param wsUrl the websocket base; kis-sim serves it on the REST port
 * @param dataDir where the token cache and the embedded simulator's state are, or null for the configured data dir
 */
public record RunningSim(String restUrl, String wsUrl, Path dataDir) {
  public RunningSim {
    restUrl = trim(restUrl);
    URI u;
    try {
      u = URI.create(restUrl);
    } catch (IllegalArgumentException e) {
      u = URI.create("unparsable:x");
    }
    String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https") || u.getHost() == null) {
      throw new IllegalArgumentException("--sim-url wants the simulator's REST url, e.g. http://127.0.0.1:18080");
    }
    wsUrl = wsUrl == null || wsUrl.isBlank()
        ? (scheme.equals("https") ? "wss" : "ws") + restUrl.substring(scheme.length())
        : trim(wsUrl);
  }

  private static String trim(String url) {
    String s = url.trim();
    while (s.endsWith("/")) {
      s = s.substring(0, s.length() - 1);
    }
    return s;
  }
}
