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

/** A webhook receiver on 127.0.0.1 (ephemeral port) that queues every JSON body it is posted. */
final class AlertReceiver implements AutoCloseable {
  private final HttpServer server;
  private final BlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();

  AlertReceiver() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/hook", ex -> {
      byte[] body = ex.getRequestBody().readAllBytes();
      boolean json = "POST".equals(ex.getRequestMethod())
          && ex.getRequestHeaders().getFirst("Content-Type").startsWith("application/json");
      ex.sendResponseHeaders(204, -1);
      ex.close();
      // Queued only once answered, so a test that stops the receiver next does not cut the reply.
      if (json) {
        received.add(Json.MAPPER.readTree(body));
      }
    });
    server.start();
  }

  URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook");
  }

  /** The next posted body, or null after 10 s. */
  JsonNode next() throws InterruptedException {
    return received.poll(10, TimeUnit.SECONDS);
  }

  int pending() {
    return received.size();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
