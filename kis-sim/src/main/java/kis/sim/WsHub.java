package kis.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import kis.journal.Symbol;
import kis.journal.Venue;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.http.javadsl.model.ws.Message;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.stream.BoundedSourceQueue;
import org.apache.pekko.stream.javadsl.Flow;
import org.apache.pekko.stream.javadsl.Keep;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;

/**
 * The websocket side: subscribe/unsubscribe with KIS's control acks, the 41-registration limit,
 * one session per app key, PINGPONG, and fan-out of trades, books and encrypted notices to the
 * sessions registered for them (shared/kis-api.md §5).
 */
final class WsHub implements Exchange.Listener {
  static final int MAX_REGISTRATIONS = 41;
  private static final DateTimeFormatter PING_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");

  private final ActorSystem<?> system;
  private final org.apache.pekko.stream.Materializer mat;
  private final Flavour flavour;
  private final SimCredentials creds;
  private final TokenAuthority tokens;
  private final FaultControl faults;
  private final SessionClock clock;
  private final String branch;
  private final SecureRandom rnd = new SecureRandom();
  private final AtomicLong ids = new AtomicLong();
  private final List<WsSession> sessions = new CopyOnWriteArrayList<>();

  WsHub(ActorSystem<?> system, Flavour flavour, SimCredentials creds, TokenAuthority tokens, FaultControl faults,
      SessionClock clock, String branch) {
    this.system = system;
    this.mat = org.apache.pekko.stream.Materializer.createMaterializer(system);
    this.flavour = flavour;
    this.creds = creds;
    this.tokens = tokens;
    this.faults = faults;
    this.clock = clock;
    this.branch = branch;
  }

  String noticeTr() {
    return flavour == Flavour.VTS ? "H0STCNI9" : "H0STCNI0";
  }

  /** The message flow of one new websocket connection. */
  Flow<Message, Message, NotUsed> newConnection() {
    Pair<BoundedSourceQueue<Message>, Source<Message, NotUsed>> q = Source.<Message>queue(4096).preMaterialize(system);
    WsSession s = new WsSession(ids.incrementAndGet(), NoticeCipher.random(rnd), q.first());
    sessions.add(s);
    Sink<Message, NotUsed> in = Flow.<Message>create()
        .mapAsync(1, m -> m.isText()
            ? m.asTextMessage().toStrict(5_000, mat).thenApply(t -> t.getStrictText())
            : m.asBinaryMessage().getStreamedData().runWith(Sink.ignore(), mat).thenApply(d -> ""))
        .to(Sink.foreach(text -> onText(s, text)));
    return Flow.fromSinkAndSourceCoupledMat(in, q.second(), Keep.right())
        .watchTermination((mat, done) -> {
          done.whenComplete((d, e) -> {
            s.closed = true;
            sessions.remove(s);
          });
          return mat;
        });
  }

  private void send(WsSession s, String text) {
    // Checked and offered under the fault switches' lock: once silence(true) returns, no frame is
    // queued after it (a test can then tell what was sent before from what leaked after).
    synchronized (faults) {
      if (!faults.wsSilent()) {
        s.send(text);
      }
    }
  }

  void onText(WsSession s, String text) {
    if (text.isBlank()) {
      return;
    }
    JsonNode msg;
    try {
      msg = Json.parse(text);
    } catch (Exception e) {
      send(s, ack("", "", false, "9", "OPSP9999", "JSON PARSING ERROR : invalid json format", null));
      return;
    }
    JsonNode header = msg.get("header");
    if (header == null) {
      send(s, ack("", "", false, "9", "OPSP9996", "JSON PARSING ERROR : header not found", null));
      return;
    }
    if ("PINGPONG".equals(Json.text(header, "tr_id"))) {
      return; // the client's echo of our heartbeat: nothing to answer
    }
    JsonNode input = msg.path("body").path("input");
    String trId = Json.text(input, "tr_id");
    String trKey = Json.text(input, "tr_key");
    if (msg.get("body") == null) {
      send(s, ack(trId, trKey, false, "9", "OPSP9992", "JSON PARSING ERROR : body not found", null));
      return;
    }
    if (!tokens.validApprovalKey(Json.text(header, "approval_key"))) {
      send(s, ack(trId, trKey, false, "1", "OPSP0011", "invalid approval(appkey) : NOT FOUND", null));
      return;
    }
    String custtype = Json.text(header, "custtype");
    if (!custtype.equals("P") && !custtype.equals("B")) {
      send(s, ack(trId, trKey, false, "9", "OPSP8998", "JSON PARSING ERROR : invalid custtype", null));
      return;
    }
    if (!claimAppKey(s)) {
      send(s, ack(trId, trKey, false, "1", "OPSP8996", "ALREADY IN USE appkey", null));
      return;
    }
    String trType = Json.text(header, "tr_type");
    if (!trType.equals("1") && !trType.equals("2")) {
      send(s, ack(trId, trKey, false, "9", "OPSP8997", "JSON PARSING ERROR : invalid tr_type", null));
      return;
    }
    // Paper offers only KRX's trades and book and its own notices (kis-api.md §6.4); the real
    // server also NXT's (H0NX…) and the integrated (H0UN…) feeds.
    Set<String> known = flavour == Flavour.VTS ? Set.of("H0STCNT0", "H0STASP0", noticeTr())
        : Set.of("H0STCNT0", "H0STASP0", "H0NXCNT0", "H0NXASP0", "H0UNCNT0", "H0UNASP0", "H0STMKO0", noticeTr());
    if (!known.contains(trId)) {
      send(s, ack(trId, trKey, false, "1", "OPSP8991", "SUBSCRIBE ERROR : invalid tr_id", null));
      return;
    }
    if (trKey.isBlank() || (!trId.equals(noticeTr()) && !trKey.matches("Q?[0-9A-Z]{6}"))) {
      send(s, ack(trId, trKey, false, "1", "OPSP8992", "SUBSCRIBE ERROR : invalid tr_key", null));
      return;
    }
    boolean encrypted = trId.equals(noticeTr());
    WsSession.Registration reg = new WsSession.Registration(trId, trKey);
    synchronized (s) {
      if (trType.equals("2")) {
        if (s.registrations.remove(reg)) {
          send(s, ack(trId, trKey, encrypted, "0", "OPSP0001", "UNSUBSCRIBE SUCCESS", null));
        } else {
          send(s, ack(trId, trKey, encrypted, "1", "OPSP0003", "UNSUBSCRIBE ERROR(not found!)", null));
        }
        return;
      }
      if (s.registrations.contains(reg)) {
        send(s, ack(trId, trKey, encrypted, "1", "OPSP0002", "ALREADY IN SUBSCRIBE", null));
        return;
      }
      if (s.registrations.size() >= MAX_REGISTRATIONS) {
        send(s, ack(trId, trKey, encrypted, "1", "OPSP0008", "MAX SUBSCRIBE OVER", null));
        return;
      }
      s.registrations.add(reg);
    }
    send(s, ack(trId, trKey, encrypted, "0", "OPSP0000", "SUBSCRIBE SUCCESS", s.cipher));
  }

  /** KIS allows one websocket session per app key; a second live one is refused. */
  private synchronized boolean claimAppKey(WsSession s) {
    if (s.appKey != null) {
      return true;
    }
    for (WsSession other : sessions) {
      if (other != s && !other.closed && creds.appKey().equals(other.appKey)) {
        return false;
      }
    }
    s.appKey = creds.appKey();
    return true;
  }

  private static String ack(String trId, String trKey, boolean encrypted, String rtCd, String msgCd, String msg1,
      NoticeCipher cipher) {
    ObjectNode root = Json.object();
    ObjectNode h = root.putObject("header");
    h.put("tr_id", trId);
    h.put("tr_key", trKey);
    h.put("encrypt", encrypted ? "Y" : "N");
    ObjectNode b = root.putObject("body");
    b.put("rt_cd", rtCd);
    b.put("msg_cd", msgCd);
    b.put("msg1", msg1);
    if (cipher != null) {
      ObjectNode o = b.putObject("output");
      o.put("iv", cipher.iv());
      o.put("key", cipher.key());
    }
    return Json.write(root);
  }

  // ---------------------------------------------------------------- fan-out

  /**
   * A book's prints go out on its own feed (KRX {@code H0STCNT0}, NXT {@code H0NXCNT0}) and on the
   * integrated one ({@code H0UNCNT0}), which carries every print of either book in the same layout.
   */
  @Override
  public void onTrades(Symbol symbol, Venue book, List<String> records) {
    if (records.isEmpty()) {
      return;
    }
    String payload = String.join("^", records);
    fanOut(symbol, book == Venue.NXT ? "H0NXCNT0" : "H0STCNT0", records.size(), payload);
    fanOut(symbol, "H0UNCNT0", records.size(), payload);
  }

  @Override
  public void onBook(Symbol symbol, Venue book, String record) {
    fanOut(symbol, book == Venue.NXT ? "H0NXASP0" : "H0STASP0", 1, record);
    fanOut(symbol, "H0UNASP0", 1, record);
  }

  /** KRX's market-operation status (a VI's start and end) on {@code H0STMKO0}, to the sessions registered for the stock. */
  @Override
  public void onMarketStatus(Symbol symbol, String record) {
    fanOut(symbol, "H0STMKO0", 1, record);
  }

  private void fanOut(Symbol symbol, String trId, int count, String payload) {
    String frame = null; // built for the first session that asked for it: most TRs of a print have none
    for (WsSession s : sessions) {
      if (s.registered(trId, symbol.code())) {
        if (frame == null) {
          frame = RealtimeFrames.frame(false, trId, count, payload);
        }
        send(s, frame);
      }
    }
  }

  @Override
  public void onNotice(ExecutionNotice notice) {
    if (faults.takeNoticeLoss()) {
      return;
    }
    int copies = faults.takeNoticeDuplicate() ? 2 : 1;
    String plain = RealtimeFrames.notice(notice, creds, branch, flavour == Flavour.VTS ? "모의투자" : "시뮬레이터");
    long delay = faults.noticeDelayMs();
    Runnable deliver = () -> {
      for (WsSession s : sessions) {
        if (s.registered(noticeTr(), creds.htsId())) {
          String frame = RealtimeFrames.frame(true, noticeTr(), 1, s.cipher.encrypt(plain));
          for (int i = 0; i < copies; i++) {
            send(s, frame);
          }
        }
      }
    };
    if (delay > 0) {
      system.scheduler().scheduleOnce(Duration.ofMillis(delay), deliver, system.executionContext());
    } else {
      deliver.run();
    }
  }

  /** Sends the PINGPONG heartbeat to every session (unless faulted off). */
  void pingPong() {
    ZonedDateTime now = clock.now();
    String ping = "{\"header\":{\"tr_id\":\"PINGPONG\",\"datetime\":\"" + PING_TIME.format(now) + "\"}}";
    // As send: once pingPong(false) returns, no heartbeat is queued after it.
    synchronized (faults) {
      if (faults.pingPongOff()) {
        return;
      }
      for (WsSession s : sessions) {
        send(s, ping);
      }
    }
  }

  /** Fault: close every session now. */
  void dropAll() {
    for (WsSession s : sessions) {
      s.close();
    }
  }

  int sessionCount() {
    return sessions.size();
  }
}
