package kis.sim;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One parsed REST request: path, method, lower-cased headers, query parameters with upper-cased
 * names (KIS's examples use both cases), and the JSON body for POSTs.
 */
record RestCall(String method, String path, Map<String, String> headers, Map<String, String> query, JsonNode body,
    String rawBody) {

  String header(String name) {
    return headers.getOrDefault(name.toLowerCase(Locale.ROOT), "");
  }

  /** A query parameter by name in any case, or "". */
  String param(String name) {
    return query.getOrDefault(name.toUpperCase(Locale.ROOT), "");
  }

  /** A POST body field; KIS requires upper-case keys, so only those are read. */
  String field(String name) {
    return Json.text(body, name);
  }

  Optional<String> trCont() {
    String v = header("tr_cont");
    return v.isBlank() ? Optional.empty() : Optional.of(v);
  }
}
