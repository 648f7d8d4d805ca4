package kis.connector;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A host on 127.0.0.1 that accepts TCP connections and never sends a byte: to a TLS client, a
 * server that never answers the handshake. It reads (and counts) what the client sends and notes
 * when the client closes a connection.
 */
final class SilentTcpHost implements AutoCloseable {
  private final ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  private final AtomicInteger accepted = new AtomicInteger();
  private final AtomicInteger closedByClient = new AtomicInteger();
  private final AtomicLong bytesIn = new AtomicLong();

  SilentTcpHost() throws IOException {
    Thread acceptor = new Thread(this::acceptLoop, "silent-host-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  int port() {
    return server.getLocalPort();
  }

  int accepted() {
    return accepted.get();
  }

  int closedByClient() {
    return closedByClient.get();
  }

  long bytesIn() {
    return bytesIn.get();
  }

  /** Waits until the client has closed every connection accepted so far (at least one). */
  void awaitClientClosedAll(Duration within) throws InterruptedException {
    long end = System.nanoTime() + within.toNanos();
    while (accepted.get() == 0 || closedByClient.get() < accepted.get()) {
      if (System.nanoTime() > end) {
        throw new AssertionError("client left " + (accepted.get() - closedByClient.get()) + " of " + accepted.get()
            + " connection(s) open after " + within.toMillis() + " ms");
      }
      TimeUnit.MILLISECONDS.sleep(10);
    }
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket s = server.accept();
        sockets.add(s);
        accepted.incrementAndGet();
        Thread reader = new Thread(() -> drain(s), "silent-host-read");
        reader.setDaemon(true);
        reader.start();
      } catch (IOException closed) {
        return;
      }
    }
  }

  private void drain(Socket s) {
    byte[] buf = new byte[4096];
    try (InputStream in = s.getInputStream()) {
      int n;
      while ((n = in.read(buf)) != -1) {
        bytesIn.addAndGet(n);
      }
    } catch (IOException reset) {
      // An abort (RST) is a close too.
    }
    if (!server.isClosed()) {
      closedByClient.incrementAndGet();
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
    for (Socket s : sockets) {
      s.close();
    }
  }
}
