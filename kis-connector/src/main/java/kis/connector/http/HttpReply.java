package kis.connector.http;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A complete HTTP response: status, headers with lower-cased names, and the body as text.
 */
public record HttpReply(int status, Map<String, String> headers, String body) {
  public HttpReply {
    headers = Map.copyOf(headers);
  }

  public Optional<String> header(String name) {
    return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
  }

  @Override
  public String toString() {
    return "HttpReply[" + status + ", " + body.length() + " chars]";
  }
}
