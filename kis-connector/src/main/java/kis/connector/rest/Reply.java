package kis.connector.rest;

import java.util.Optional;
import java.util.Set;
import kis.connector.http.HttpReply;

/**
 * What one HTTP reply from a KIS REST host means, before any retry decision. Gateway errors come
 * as HTTP 500 or as HTTP 200 with the envelope, so the body decides (kis-api.md 3.2, 6.2).
 */
sealed interface Reply {
  /** {@code rt_cd = "0"} (or KIS's "no data" answer, read as an empty success). */
  record Ok(Envelope envelope) implements Reply {}

  /** {@code EGW00201}/{@code EGW00215}: over the per-second budget; the request was not processed. */
  record Throttled(Envelope envelope) implements Reply {}

  /** {@code EGW00121}/{@code EGW00123}/{@code EGW00122}: the token was refused; not processed. */
  record TokenRejected(Envelope envelope) implements Reply {}

  /** A gateway error after which the request may or may not have been processed. */
  record Ambiguous(Envelope envelope) implements Reply {}

  /** A definitive refusal by KIS. */
  record Failed(Envelope envelope) implements Reply {}

  /** No KIS envelope at all (HTML error page, empty body, proxy error). */
  record NoEnvelope(int status) implements Reply {}

  Set<String> THROTTLE = Set.of("EGW00201", "EGW00215");
  Set<String> TOKEN = Set.of("EGW00121", "EGW00122", "EGW00123");
  // Temporary/server errors, routing errors and transaction timeouts: KIS itself says "check the
  // previous transaction" for EGW00301/00302.
  Set<String> AMBIGUOUS = Set.of("EGW00001", "EGW00002", "EGW00202", "EGW00203", "EGW00300", "EGW00301", "EGW00302");
  String NO_DATA = "조회할 자료가 없습니다";

  static Reply classify(HttpReply http) {
    Optional<Envelope> parsed = Envelope.parse(http);
    if (parsed.isEmpty()) {
      return new NoEnvelope(http.status());
    }
    Envelope e = parsed.get();
    if (e.success()) {
      return http.status() == 200 ? new Ok(e) : new NoEnvelope(http.status());
    }
    if (THROTTLE.contains(e.msgCd())) {
      return new Throttled(e);
    }
    if (TOKEN.contains(e.msgCd())) {
      return new TokenRejected(e);
    }
    if (AMBIGUOUS.contains(e.msgCd()) || (http.status() >= 500 && !e.msgCd().startsWith("EGW"))) {
      return new Ambiguous(e);
    }
    if (e.msg1().contains(NO_DATA)) {
      return new Ok(e);
    }
    return new Failed(e);
  }
}
