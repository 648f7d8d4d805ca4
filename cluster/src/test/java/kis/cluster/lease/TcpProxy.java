package kis.cluster.lease;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A loopback TCP relay to the test's PostgreSQL that can be blackholed (bytes are then read and
 * dropped in both directions, as on a network that lost its route, without any socket closing) or
 * closed (every connection through it drops and new ones are refused, as when a machine dies).
 */
public final class TcpProxy implements AutoCloseable {
  private final ServerSocket server;
  private final InetSocketAddress target;
  private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
  private volatile boolean blackholed;

  public TcpProxy(String host, int port) throws IOException {
    this.target = new InetSocketAddress(host, port);
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread t = new Thread(this::accept, "tcp-proxy-accept");
    t.setDaemon(true);
    t.start();
  }

  public int port() {
    return server.getLocalPort();
  }

  public void blackhole() {
    blackholed = true;
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket in = server.accept();
        sockets.add(in);
        Socket out = new Socket();
        sockets.add(out);
        out.connect(target, 5_000);
        pump(in, out);
        pump(out, in);
      } catch (IOException e) {
        // closed, or the target refused: the client sees its socket close
      }
    }
  }

  private void pump(Socket from, Socket to) {
    Thread t = new Thread(() -> {
      byte[] buf = new byte[8192];
      try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
        int n;
        while ((n = in.read(buf)) >= 0) {
          if (!blackholed) {
            out.write(buf, 0, n);
            out.flush();
          }
        }
      } catch (IOException e) {
        // one side closed
      }
    }, "tcp-proxy-pump");
    t.setDaemon(true);
    t.start();
  }

  /** A JDBC URL like {@code url} that goes through this relay instead of to {@code url}'s host and port. */
  public String via(String url) {
    return url.replaceFirst("//[^:/]+:\\d+/", "//127.0.0.1:" + port() + "/");
  }

  /** Relays to the host and port of a {@code jdbc:postgresql://host:port/…} URL. */
  public static TcpProxy to(String url) throws IOException {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("//([^:/]+):(\\d+)/").matcher(url);
    if (!m.find()) {
      throw new IllegalArgumentException("no host:port in the JDBC URL");
    }
    return new TcpProxy(m.group(1), Integer.parseInt(m.group(2)));
  }

  @Override
  public void close() throws IOException {
    server.close();
    for (Socket s : sockets) {
      s.close();
    }
  }
}
