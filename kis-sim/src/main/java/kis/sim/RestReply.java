package kis.sim;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One REST answer: HTTP status, KIS response headers ({@code tr_id} echo, {@code tr_cont}) and
 * the JSON body.
 */
record RestReply(int status, String trId, String trCont, ObjectNode body) {
  static RestReply ok(String trId, ObjectNode body) {
    return new RestReply(200, trId, "", body);
  }

  /** The KIS envelope head: {@code rt_cd}, {@code msg_cd}, {@code msg1}. */
  static ObjectNode envelope(String rtCd, String msgCd, String msg1) {
    ObjectNode n = Json.object();
    n.put("rt_cd", rtCd);
    n.put("msg_cd", msgCd);
    n.put("msg1", msg1);
    return n;
  }

  static RestReply error(int status, String trId, String msgCd, String msg1) {
    return new RestReply(status, trId, "", envelope("1", msgCd, msg1));
  }

  /** Gateway errors (EGW…) come back as HTTP 500 with the envelope in the body. */
  static RestReply gateway(String trId, String msgCd, String msg1) {
    return error(500, trId, msgCd, msg1);
  }

  String msgCd() {
    return Json.text(body, "msg_cd");
  }
}
