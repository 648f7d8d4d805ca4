package kis.engine.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A webhook receiver on 127.0.0.1 (ephemeral port) that queues every JSON body it is posted, with
 * the path it was posted to: the generic webhook's {@code /hook}, and a local fake of Telegram's Bot
 * API, Slack's and Discord's incoming webhooks (any path).
 */
final class AlertReceiver implements AutoCloseable {
  private final HttpServer server;
  private final BlockingQueue<Posted> received = new LinkedBlockingQueue<>();

  /** One POST as received. */
  record Posted(String path, JsonNode body) {}

  AlertReceiver() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/", ex -> {
      String path = ex.getRequestURI().getPath();
      byte[] body = ex.getRequestBody().readAllBytes();
      boolean json = "POST".equals(ex.getRequestMethod())
          && ex.getRequestHeaders().getFirst("Content-Type").startsWith("application/json");
      ex.sendResponseHeaders(204, -1);
      ex.close();
      // Queued only once answered, so a test that stops the receiver next does not cut the reply.
      if (json) {
        received.add(new Posted(path, Json.MAPPER.readTree(body)));
      }
    });
    server.start();
  }

  URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook");
  }

  /** The next posted body, or null after 10 s. */
  JsonNode next() throws InterruptedException {
    Posted p = nextPost();
    return p == null ? null : p.body();
  }

  /** The next POST with its path, or null after 10 s. */
  Posted nextPost() throws InterruptedException {
    return received.poll(10, TimeUnit.SECONDS);
  }

  /** This receiver's base address, for a service whose path the client builds (Telegram's). */
  URI base() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  int pending() {
    return received.size();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
