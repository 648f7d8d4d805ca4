package kis.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A loopback TCP link to a test's PostgreSQL that a test can break the ways a network does:
 * {@link #cut()} (every connection through it drops and new ones are closed at once, as when the
 * database goes away), {@link #stall()} (nothing moves either way and no socket closes, as on a
 * route that vanished and comes back: TCP delivers what waited), {@link #restore()} (both end),
 * {@link #blackhole()} (bytes are dropped both ways for good, sockets open) and {@link #close()}
 * (for good, as when the machine holding the link dies).
 *
 * <p>Listens on {@code 127.0.0.1}, an ephemeral port that stays the same across cuts, so a JDBC
 * URL from {@link #via} keeps working after a restore. Bounded: at most {@link #MAX_LINKS}
 * connections at a time (more are closed as if cut), two daemon threads per connection, every
 * socket closed on cut and close.
 */
public final class TcpCut implements AutoCloseable {
  /** Connections carried at once; a test's nodes open a few each. */
  public static final int MAX_LINKS = 64;
  private static final Pattern HOST_PORT = Pattern.compile("//([^:/?]+):(\\d+)/");

  private final ServerSocket server;
  private final InetSocketAddress target;
  private final Set<Link> links = ConcurrentHashMap.newKeySet();
  private final ExecutorService threads;
  private final Future<?> acceptor;
  private volatile boolean cut;
  private volatile boolean blackholed;
  private final Object gate = new Object();
  private boolean stalled;

  private TcpCut(InetSocketAddress target) throws IOException {
    this.target = target;
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    AtomicInteger n = new AtomicInteger();
    int port = server.getLocalPort();
    this.threads = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "tcp-cut-" + port + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    this.acceptor = threads.submit(this::accept);
  }

  /** A link to the host and port of a {@code jdbc:postgresql://host:port/…} URL. */
  public static TcpCut to(String jdbcUrl) throws IOException {
    Matcher m = HOST_PORT.matcher(jdbcUrl);
    if (!m.find()) {
      throw new IllegalArgumentException("no host:port in the JDBC URL");
    }
    return new TcpCut(new InetSocketAddress(m.group(1), Integer.parseInt(m.group(2))));
  }

  /** The port it listens on (127.0.0.1). */
  public int port() {
    return server.getLocalPort();
  }

  /** A JDBC URL like {@code jdbcUrl} that goes through this link instead of to its host and port. */
  public String via(String jdbcUrl) {
    return HOST_PORT.matcher(jdbcUrl).replaceFirst("//127.0.0.1:" + port() + "/");
  }

  /** Drops every connection and closes new ones at once until {@link #restore}. */
  public void cut() {
    cut = true;
    links.forEach(Link::close);
  }

  /** Holds every byte where it is, both ways, sockets open, until {@link #restore}. */
  public void stall() {
    synchronized (gate) {
      stalled = true;
    }
  }

  /** Carries connections again (new ones; the cut ones stay closed); also ends a stall or a blackhole. */
  public void restore() {
    blackholed = false;
    cut = false;
    synchronized (gate) {
      stalled = false;
      gate.notifyAll();
    }
  }

  private void passGate() throws InterruptedException {
    synchronized (gate) {
      while (stalled) {
        gate.wait();
      }
    }
  }

  /** From now on drops bytes both ways; sockets stay open (reads on the other side hang). */
  public void blackhole() {
    blackholed = true;
  }

  /** Connections carried now. */
  public int openLinks() {
    return links.size();
  }

  private void accept() {
    while (!server.isClosed()) {
      Socket in;
      try {
        in = server.accept();
      } catch (IOException e) {
        return; // closed
      }
      if (cut || links.size() >= MAX_LINKS) {
        quietly(in);
        continue;
      }
      Link link = new Link(in);
      links.add(link);
      try {
        threads.execute(link::connect);
      } catch (RejectedExecutionException e) {
        link.close();
      }
    }
  }

  /** One client connection and its connection to the target; closing either side closes both. */
  private final class Link {
    private final Socket client;
    private final Socket upstream = new Socket();

    Link(Socket client) {
      this.client = client;
    }

    void connect() {
      try {
        upstream.connect(target, 5_000);
        if (cut) {
          close();
          return;
        }
        threads.execute(() -> pump(client, upstream));
        pump(upstream, client);
      } catch (IOException | RejectedExecutionException e) {
        close(); // the target refused: the client sees its socket close
      }
    }

    private void pump(Socket from, Socket to) {
      byte[] buf = new byte[8192];
      try {
        InputStream in = from.getInputStream();
        OutputStream out = to.getOutputStream();
        int n;
        while ((n = in.read(buf)) >= 0) {
          passGate();
          if (!blackholed) {
            out.write(buf, 0, n);
            out.flush();
          }
        }
      } catch (IOException e) {
        // one side closed
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt(); // closing
      } finally {
        close();
      }
    }

    void close() {
      links.remove(this);
      quietly(client);
      quietly(upstream);
    }
  }

  private static void quietly(Socket s) {
    try {
      s.close();
    } catch (IOException ignored) {
      // closing anyway
    }
  }

  @Override
  public void close() throws IOException {
    cut = true;
    try {
      server.close();
      // The listening socket is really gone only once the accepting thread has left accept().
      acceptor.get(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      throw new IOException("the link's acceptor did not stop", e);
    } finally {
      links.forEach(Link::close);
      threads.shutdownNow();
    }
  }
}
