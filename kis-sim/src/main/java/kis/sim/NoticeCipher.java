package kis.sim;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-CBC with PKCS#7 padding over UTF-8, Base64 out: how KIS encrypts execution notices.
 * Key and IV are the ASCII bytes of the {@code key} (32 chars) and {@code iv} (16 chars) sent in
 * the subscribe ack (shared/kis-api.md §5.5).
 */
record NoticeCipher(String key, String iv) {
  private static final String ALNUM = "abcdefghijklmnopqrstuvwxyz0123456789";

  static NoticeCipher random(SecureRandom rnd) {
    return new NoticeCipher(random(rnd, 32), random(rnd, 16));
  }

  private static String random(SecureRandom rnd, int n) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) {
      sb.append(ALNUM.charAt(rnd.nextInt(ALNUM.length())));
    }
    return sb.toString();
  }

  String encrypt(String plain) {
    try {
      Cipher c = Cipher.getInstance("AES/CBC/PKCS5Padding");
      c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key.getBytes(StandardCharsets.US_ASCII), "AES"),
          new IvParameterSpec(iv.getBytes(StandardCharsets.US_ASCII)));
      return Base64.getEncoder().encodeToString(c.doFinal(plain.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-256-CBC unavailable", e);
    }
  }

  @Override
  public String toString() {
    return "NoticeCipher[***]";
  }
}
