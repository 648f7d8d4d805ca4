package kis.connector.ws;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/** Builders of KIS frames for tests, written from kis-api.md 5.5-5.8 independently of the parser. */
final class Frames {
  static final String KEY = "abcdefghijklmnopqrstuvwxyz012345";
  static final String IV = "0123456789abcdef";

  private Frames() {}

  /** A 46-field H0STCNT0 record. */
  static String[] trade(String symbol, String time, long price, long qty, long cumVol) {
    String[] f = new String[46];
    Arrays.fill(f, "0");
    f[0] = symbol;
    f[1] = time;
    f[2] = Long.toString(price);
    f[3] = "2";
    f[4] = "-750";
    f[5] = "-1.63";
    f[7] = "70000";
    f[8] = "71000";
    f[9] = "69000";
    f[10] = Long.toString(price + 100);
    f[11] = Long.toString(price);
    f[12] = Long.toString(qty);
    f[13] = Long.toString(cumVol);
    f[14] = "123456789";
    f[21] = "1";
    f[33] = "20261124";
    f[35] = "N";
    f[36] = "120";
    f[37] = "340";
    f[43] = "0";
    f[45] = "";
    return f;
  }

  /** A 59-field H0STASP0 record with asks 70100.. and bids 70000.. */
  static String[] book(String symbol) {
    String[] f = new String[59];
    Arrays.fill(f, "0");
    f[0] = symbol;
    f[1] = "093001";
    f[2] = "0";
    for (int i = 0; i < 10; i++) {
      f[3 + i] = Long.toString(70100 + 100L * i);
      f[13 + i] = Long.toString(70000 - 100L * i);
      f[23 + i] = Long.toString(10 + i);
      f[33 + i] = Long.toString(20 + i);
    }
    f[43] = "145";
    f[44] = "245";
    f[53] = "999";
    return f;
  }

  /** A 26-field H0STCNI0 record (current layout). */
  static String[] notice(String odno, String side, String cntgYn, long qty, long price, long orderQty, long orderPrice) {
    String[] f = new String[26];
    Arrays.fill(f, "");
    f[0] = "htsuser01";
    f[1] = "5001234501";
    f[2] = odno;
    f[3] = "";
    f[4] = side;
    f[5] = "0";
    f[6] = "00";
    f[7] = "0";
    f[8] = "005930";
    f[9] = String.format("%010d", qty);
    f[10] = String.format("%09d", price);
    f[11] = "094941";
    f[12] = "0";
    f[13] = cntgYn;
    f[14] = "2";
    f[15] = "06010";
    f[16] = String.format("%09d", orderQty);
    f[17] = "홍길동";
    f[25] = Long.toString(orderPrice);
    return f;
  }

  static String join(String[]... records) {
    StringBuilder sb = new StringBuilder();
    for (String[] r : records) {
      if (sb.length() > 0) {
        sb.append('^');
      }
      sb.append(String.join("^", r));
    }
    return sb.toString();
  }

  static String plain(String trId, String[]... records) {
    return "0|" + trId + "|" + String.format("%03d", records.length) + "|" + join(records);
  }

  static String encrypted(String trId, String key, String iv, String[]... records) throws Exception {
    Cipher c = Cipher.getInstance("AES/CBC/PKCS5Padding");
    c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key.getBytes(StandardCharsets.US_ASCII), "AES"),
        new IvParameterSpec(iv.getBytes(StandardCharsets.US_ASCII)));
    String b64 = Base64.getEncoder().encodeToString(c.doFinal(join(records).getBytes(StandardCharsets.UTF_8)));
    return "1|" + trId + "|" + String.format("%03d", records.length) + "|" + b64;
  }
}
