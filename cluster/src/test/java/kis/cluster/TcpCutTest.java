package kis.cluster;

import static kis.actors.live.LiveHarness.awaitTrue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link TcpCut} against a loopback echo server: carries, cuts, refuses, restores, closes. */
class TcpCutTest {
  private ServerSocket echo;

  @BeforeEach
  void echoServer() throws IOException {
    echo = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread t = new Thread(() -> {
      while (!echo.isClosed()) {
        try {
          Socket s = echo.accept();
          Thread c = new Thread(() -> {
            try (s) {
              s.getInputStream().transferTo(s.getOutputStream());
            } catch (IOException ignored) {
              // the test closed it
            }
          });
          c.setDaemon(true);
          c.start();
        } catch (IOException e) {
          return;
        }
      }
    });
    t.setDaemon(true);
    t.start();
  }

  @AfterEach
  void stop() throws IOException {
    echo.close();
  }

  @Test
  void carriesBytesThenCutDropsEveryConnectionAndClosesNewOnesUntilRestored() throws Exception {
    try (TcpCut cut = TcpCut.to("jdbc:postgresql://127.0.0.1:" + echo.getLocalPort() + "/db?x=1")) {
      assertEquals("jdbc:postgresql://127.0.0.1:" + cut.port() + "/db?x=1",
          cut.via("jdbc:postgresql://127.0.0.1:" + echo.getLocalPort() + "/db?x=1"));
      try (Socket a = connect(cut)) {
        assertEquals('x', roundTrip(a, 'x'));
        awaitTrue("one link open", Duration.ofSeconds(5), () -> cut.openLinks() == 1);

        cut.cut();
        assertEquals(-1, readOrEnd(a), "the open connection was dropped");
        assertEquals(0, cut.openLinks());
        try (Socket b = connect(cut)) {
          assertEquals(-1, readOrEnd(b), "a new connection is closed at once");
        }
      }

      cut.restore();
      try (Socket c = connect(cut)) {
        assertEquals('y', roundTrip(c, 'y'));
      }
      awaitTrue("no link left open", Duration.ofSeconds(5), () -> cut.openLinks() == 0);
    }
  }

  @Test
  void aStallHoldsBytesWithTheConnectionOpenAndRestoreDeliversThem() throws Exception {
    try (TcpCut cut = TcpCut.to("jdbc:postgresql://127.0.0.1:" + echo.getLocalPort() + "/db");
        Socket a = connect(cut)) {
      assertEquals('x', roundTrip(a, 'x'));
      cut.stall();
      a.setSoTimeout(300);
      assertThrows(SocketTimeoutException.class, () -> roundTrip(a, 'y'), "nothing comes back while stalled");
      assertEquals(1, cut.openLinks(), "the connection stays open");
      cut.restore();
      a.setSoTimeout(5_000);
      assertEquals('y', a.getInputStream().read(), "what waited is delivered");
    }
  }

  @Test
  void closedItRefusesConnectionsAndLeavesNoneOpen() throws Exception {
    TcpCut cut = TcpCut.to("jdbc:postgresql://127.0.0.1:" + echo.getLocalPort() + "/db");
    Socket a = connect(cut);
    assertEquals('z', roundTrip(a, 'z'));
    cut.close();
    assertEquals(-1, readOrEnd(a));
    assertEquals(0, cut.openLinks());
    assertThrows(ConnectException.class, () -> connect(cut).close());
    a.close();
  }

  private static Socket connect(TcpCut cut) throws IOException {
    Socket s = new Socket(InetAddress.getLoopbackAddress(), cut.port());
    s.setSoTimeout(5_000);
    return s;
  }

  private static int roundTrip(Socket s, char c) throws IOException {
    s.getOutputStream().write(c);
    s.getOutputStream().flush();
    return s.getInputStream().read();
  }

  /** The next byte, or -1 when the connection ended (a reset counts as ended). */
  private static int readOrEnd(Socket s) throws IOException {
    InputStream in = s.getInputStream();
    try {
      return in.read();
    } catch (SocketException reset) {
      return -1;
    }
  }
}
