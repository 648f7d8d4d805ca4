package kis.sim;

import java.util.LinkedHashSet;
import java.util.Set;
import org.apache.pekko.http.javadsl.model.ws.Message;
import org.apache.pekko.http.javadsl.model.ws.TextMessage;
import org.apache.pekko.stream.BoundedSourceQueue;

/** One websocket connection: its outgoing queue, its registrations and its notice key. */
final class WsSession {
  /** A registration key: TR id and tr_key. */
  record Registration(String trId, String trKey) {}

  final long id;
  final NoticeCipher cipher;
  final Set<Registration> registrations = new LinkedHashSet<>();
  private final BoundedSourceQueue<Message> out;
  volatile String appKey;
  volatile boolean closed;

  WsSession(long id, NoticeCipher cipher, BoundedSourceQueue<Message> out) {
    this.id = id;
    this.cipher = cipher;
    this.out = out;
  }

  void send(String text) {
    if (!closed) {
      out.offer(TextMessage.create(text));
    }
  }

  void close() {
    closed = true;
    out.complete();
  }

  synchronized boolean registered(String trId, String trKey) {
    return registrations.contains(new Registration(trId, trKey));
  }
}
