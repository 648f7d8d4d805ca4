package kis.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;

/**
 * The account's execution notices ({@code H0STCNI0}) on a {@link WsProbe}: subscribed with the
 * account's HTS id, each one decrypted with the key and iv of the subscription's ack.
 */
final class Notices {
  private final WsProbe ws;
  private final String key;
  private final String iv;

  private Notices(WsProbe ws, String key, String iv) {
    this.ws = ws;
    this.key = key;
    this.iv = iv;
  }

  /** Subscribes {@code htsId}'s notices on {@code ws}; fails unless the ack is {@code OPSP0000}. */
  static Notices subscribe(WsProbe ws, String approvalKey, String htsId) throws Exception {
    JsonNode ack = ws.subscribeAck(approvalKey, "H0STCNI0", htsId);
    assertEquals("OPSP0000", ack.path("body").path("msg_cd").asText());
    JsonNode out = ack.path("body").path("output");
    return new Notices(ws, out.path("key").asText(), out.path("iv").asText());
  }

  /** The notice of {@code odno} with {@code CNTG_YN} ({@code 1} order, {@code 2} fill), as fields; fails after 10 s. */
  String[] of(String odno, String cntgYn) {
    String[][] found = new String[1][];
    boolean seen = SimTestSupport.eventually(() -> {
      for (String f : ws.all) {
        if (f.startsWith("1|H0STCNI0|")) {
          try {
            String[] n = WsProbe.decrypt(f.split("\\|", 4)[3], key, iv).split("\\^", -1);
            if (n[2].equals(odno) && n[13].equals(cntgYn)) {
              found[0] = n;
              return true;
            }
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        }
      }
      return false;
    }, Duration.ofSeconds(10));
    assertTrue(seen, "no notice for " + odno + " with CNTG_YN " + cntgYn);
    return found[0];
  }
}
