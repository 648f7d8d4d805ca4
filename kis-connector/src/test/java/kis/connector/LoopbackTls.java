package kis.connector;

import java.io.InputStream;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** The test-only self-signed certificate for 127.0.0.1 ({@code tls/loopback.p12}), as server and as trust. */
final class LoopbackTls {
  private static final char[] PASSWORD = "test-only".toCharArray();

  private LoopbackTls() {}

  static SSLContext server() throws Exception {
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(store(), PASSWORD);
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(kmf.getKeyManagers(), null, null);
    return ctx;
  }

  /** A client context that trusts only the loopback certificate. */
  static SSLContext trust() throws Exception {
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(store());
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(null, tmf.getTrustManagers(), null);
    return ctx;
  }

  private static KeyStore store() throws Exception {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = LoopbackTls.class.getResourceAsStream("/tls/loopback.p12")) {
      ks.load(in, PASSWORD);
    }
    return ks;
  }
}
