package kis.connector.http;

import java.util.Map;

/**
 * One HTTP request to a KIS REST host.
 *
 * @param method {@code GET} or {@code POST}
 * @param pathAndQuery path plus encoded query string, e.g. {@code /uapi/...?CANO=...}
 * @param headers header names as KIS spells them (lower case)
 * @param jsonBody the JSON body of a POST, or {@code null}
 */
public record HttpCall(String method, String pathAndQuery, Map<String, String> headers, String jsonBody) {
  public HttpCall {
    headers = Map.copyOf(headers);
  }

  /** Never prints header values (they hold the app key, secret and token) nor the body. */
  @Override
  public String toString() {
    int q = pathAndQuery.indexOf('?');
    return method + " " + (q < 0 ? pathAndQuery : pathAndQuery.substring(0, q)) + " tr_id=" + headers.get("tr_id");
  }
}
