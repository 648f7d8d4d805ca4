package kis.connector;

/**
 * KIS answered, and the answer was a failure ({@code rt_cd != "0"}, or an {@code error_code} from
 * the token endpoint): a definitive result, not a transport problem.
 */
public final class KisApiException extends KisException {
  private final String msgCd;
  private final String msg1;
  private final int httpStatus;

  public KisApiException(String what, int httpStatus, String msgCd, String msg1) {
    super(what + " failed: HTTP " + httpStatus + " " + msgCd + " " + msg1);
    this.msgCd = msgCd;
    this.msg1 = msg1;
    this.httpStatus = httpStatus;
  }

  public String msgCd() {
    return msgCd;
  }

  public String msg1() {
    return msg1;
  }

  public int httpStatus() {
    return httpStatus;
  }
}
