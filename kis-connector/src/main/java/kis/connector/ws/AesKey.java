package kis.connector.ws;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The AES-256-CBC key and IV a subscribe ack hands out ({@code output.key}, 32 ASCII chars, and
 * {@code output.iv}, 16): their ASCII bytes are the key and IV (kis-api.md 5.5). Never printed.
 */
public final class AesKey {
  private final SecretKeySpec key;
  private final IvParameterSpec iv;

  public AesKey(String key, String iv) {
    byte[] k = key.getBytes(StandardCharsets.US_ASCII);
    byte[] v = iv.getBytes(StandardCharsets.US_ASCII);
    if (k.length != 32 || v.length != 16) {
      throw new IllegalArgumentException("AES-256-CBC needs a 32-char key and a 16-char iv");
    }
    this.key = new SecretKeySpec(k, "AES");
    this.iv = new IvParameterSpec(v);
  }

  /** Base64 ciphertext, PKCS#7 padding, UTF-8 plaintext. */
  public String decrypt(String base64) throws GeneralSecurityException {
    Cipher c = Cipher.getInstance("AES/CBC/PKCS5Padding");
    c.init(Cipher.DECRYPT_MODE, key, iv);
    byte[] plain = c.doFinal(Base64.getDecoder().decode(base64.trim()));
    return new String(plain, StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return "AesKey[***]";
  }
}
