package kis.engine.dashboard;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/**
 * Decides whether a control {@code POST} may reach the engine, from its headers alone: the token
 * from {@code Authorization: Bearer} only, and no cross-site origin. Pure, so each rule is tested
 * without a server.
 *
 * <p>The origin rules apply only to what a browser sends: {@code curl} sends neither header and
 * passes on its token. A browser sends {@code Origin} on every {@code POST}; it must name the
 * dashboard as the browser reached it (the request's {@code Host}). {@code Sec-Fetch-Site} of
 * {@code cross-site} or {@code same-site} (another port of the same host is another application)
 * is refused; {@code same-origin} and {@code none} (typed by the user) pass.
 */
public final class ControlRequestCheck {
  private ControlRequestCheck() {}

  /** What the check reads from a request; absent headers are empty. */
  public record Request(Optional<String> authorization, boolean tokenInQuery, Optional<String> origin,
      Optional<String> secFetchSite, Optional<String> host) {}

  /** The refusal, or empty when the request may go on. */
  public static Optional<ControlRefusal> check(Request r, ControlToken token) {
    if (crossSite(r)) {
      return Optional.of(ControlRefusal.CROSS_SITE);
    }
    Optional<String> bearer = r.authorization().filter(h -> h.regionMatches(true, 0, "Bearer ", 0, 7))
        .map(h -> h.substring(7));
    if (bearer.isEmpty()) {
      return Optional.of(r.tokenInQuery() ? ControlRefusal.TOKEN_IN_QUERY : ControlRefusal.NO_TOKEN);
    }
    return token.matches(bearer.get()) ? Optional.empty() : Optional.of(ControlRefusal.BAD_TOKEN);
  }

  private static boolean crossSite(Request r) {
    String site = r.secFetchSite().map(s -> s.strip().toLowerCase(Locale.ROOT)).orElse("");
    if (site.equals("cross-site") || site.equals("same-site")) {
      return true;
    }
    return r.origin().isPresent() && !sameOrigin(r.origin().get(), r.host().orElse(""));
  }

  /** Whether {@code origin} ({@code scheme://host[:port]}) names {@code host} ({@code host[:port]}). */
  static boolean sameOrigin(String origin, String host) {
    URI o;
    try {
      o = new URI(origin.strip());
    } catch (URISyntaxException e) {
      return false;
    }
    // "null" (a sandboxed frame, a file: page) has no host and is never the dashboard.
    if (o.getHost() == null || o.getScheme() == null || host.isBlank()) {
      return false;
    }
    int defaultPort = "https".equalsIgnoreCase(o.getScheme()) ? 443 : 80;
    int originPort = o.getPort() == -1 ? defaultPort : o.getPort();
    URI h;
    try {
      h = new URI("http://" + host.strip());
    } catch (URISyntaxException e) {
      return false;
    }
    if (h.getHost() == null) {
      return false;
    }
    int hostPort = h.getPort() == -1 ? 80 : h.getPort();
    return o.getHost().equalsIgnoreCase(h.getHost()) && originPort == hostPort;
  }
}
