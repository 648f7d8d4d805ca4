package kis.connector.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class AesKeyTest {
  @Test
  void decryptsAes256CbcPkcs7WithAsciiKeyAndIv() throws Exception {
    String plain = "htsuser01^5001234501^0000000001^^02^0^00^0^005930^0000000003^000070000^094941";
    Cipher c = Cipher.getInstance("AES/CBC/PKCS5Padding");
    c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(Frames.KEY.getBytes(StandardCharsets.US_ASCII), "AES"),
        new IvParameterSpec(Frames.IV.getBytes(StandardCharsets.US_ASCII)));
    String b64 = Base64.getEncoder().encodeToString(c.doFinal(plain.getBytes(StandardCharsets.UTF_8)));

    assertEquals(plain, new AesKey(Frames.KEY, Frames.IV).decrypt(b64));
  }

  @Test
  void decryptsAFixedVectorAlsoProducedByOpenssl() throws Exception {
    // openssl enc -aes-256-cbc -K hex("abcdefghijklmnopqrstuvwxyz012345") -iv hex("0123456789abcdef") -base64
    String fixed = "ARzS56xJcgPeo62Lxm6sbDATKtH88mpWCh5kkL12aobId+zko2cBQY3LVdaRjXHLY/oQorr2Jd+jorpXw1PmPg==";
    assertEquals("0000000001^02^005930^0000000003^000070000^094941", new AesKey(Frames.KEY, Frames.IV).decrypt(fixed));
  }

  @Test
  void wrongKeyFailsRatherThanReturningGarbage() throws Exception {
    String b64 = encryptForVector("0000000001^0000000003");
    AesKey other = new AesKey("ZZZZefghijklmnopqrstuvwxyz012345", Frames.IV);
    assertThrows(GeneralSecurityException.class, () -> other.decrypt(b64));
  }

  @Test
  void rejectsKeysOfTheWrongLengthAndNeverPrintsThem() {
    assertThrows(IllegalArgumentException.class, () -> new AesKey("short", Frames.IV));
    assertFalse(new AesKey(Frames.KEY, Frames.IV).toString().contains(Frames.KEY));
  }

  private static String encryptForVector(String plain) throws Exception {
    Cipher c = Cipher.getInstance("AES/CBC/PKCS5Padding");
    c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(Frames.KEY.getBytes(StandardCharsets.US_ASCII), "AES"),
        new IvParameterSpec(Frames.IV.getBytes(StandardCharsets.US_ASCII)));
    return Base64.getEncoder().encodeToString(c.doFinal(plain.getBytes(StandardCharsets.UTF_8)));
  }
}
