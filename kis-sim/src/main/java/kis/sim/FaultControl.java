package kis.sim;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The simulator's fault switches, changeable at any time from any thread (tests call these
 * directly; a separate process uses {@code POST /sim/faults}). Counters count down per affected
 * request or notice; {@code -1} means "every one until cleared".
 */
public final class FaultControl {
  /** How a REST fault shows itself to the client. */
  public enum RestFault { HTTP_500, TIMEOUT }

  private volatile RestFault restFault = RestFault.HTTP_500;
  private final AtomicInteger restFaultCount = new AtomicInteger();
  private volatile boolean restFaultApplied;
  private volatile String restFaultPath = "/trading/order";
  private final AtomicLong restTimeoutMs = new AtomicLong(30_000);
  private final AtomicInteger rateLimitBurst = new AtomicInteger();
  private volatile String rateLimitPath = "";
  private final AtomicLong wsDropEveryMs = new AtomicLong();
  private volatile long lastPeriodicDrop = System.nanoTime();
  private volatile boolean wsSilent;
  private volatile boolean pingPongOff;
  private volatile boolean noticeBeforeReply;
  private final AtomicLong noticeDelayMs = new AtomicLong();
  private final AtomicInteger noticeDuplicate = new AtomicInteger();
  private final AtomicInteger noticeLoss = new AtomicInteger();
  private volatile Runnable onWsDrop = () -> { };
  private volatile Runnable onTokenExpire = () -> { };

  FaultControl() {}

  void bind(Runnable wsDrop, Runnable tokenExpire) {
    this.onWsDrop = wsDrop;
    this.onTokenExpire = tokenExpire;
  }

  /** Applies a spec on top of the current switches. */
  public synchronized void apply(FaultSpec spec) {
    Map<String, String> s = spec.settings();
    if (s.containsKey("clear")) {
      clear();
    }
    s.forEach((k, v) -> {
      switch (k) {
        case "rest-fault":
          restFault = "timeout".equalsIgnoreCase(v) ? RestFault.TIMEOUT : RestFault.HTTP_500;
          if (!s.containsKey("rest-fault-count") && restFaultCount.get() == 0) {
            restFaultCount.set(1);
          }
          break;
        case "rest-fault-count": restFaultCount.set(count(v)); break;
        case "rest-fault-applied": restFaultApplied = Boolean.parseBoolean(v); break;
        case "rest-fault-path": restFaultPath = v; break;
        case "rest-timeout-ms": restTimeoutMs.set(Long.parseLong(v)); break;
        case "rate-limit-burst":
          rateLimitBurst.set(count(v));
          if (!s.containsKey("rate-limit-path")) {
            rateLimitPath = "";
          }
          break;
        case "rate-limit-path": rateLimitPath = v; break;
        case "token-expire": onTokenExpire.run(); break;
        case "ws-drop": onWsDrop.run(); break;
        case "ws-drop-every-ms": dropWebsocketsEvery(Duration.ofMillis(Long.parseLong(v))); break;
        case "ws-silent": wsSilent = Boolean.parseBoolean(v); break;
        case "pingpong": pingPongOff = "off".equalsIgnoreCase(v) || "false".equalsIgnoreCase(v); break;
        case "notice-before-reply": noticeBeforeReply = Boolean.parseBoolean(v); break;
        case "notice-delay-ms": noticeDelayMs.set(Long.parseLong(v)); break;
        case "notice-duplicate": noticeDuplicate.set(count(v)); break;
        case "notice-loss": noticeLoss.set(count(v)); break;
        default: break;
      }
    });
  }

  private static int count(String v) {
    if ("all".equalsIgnoreCase(v) || "on".equalsIgnoreCase(v) || "true".equalsIgnoreCase(v)) {
      return -1;
    }
    if ("off".equalsIgnoreCase(v) || "false".equalsIgnoreCase(v)) {
      return 0;
    }
    return Integer.parseInt(v);
  }

  /** Turns every fault off. */
  public synchronized void clear() {
    restFaultCount.set(0);
    restFaultApplied = false;
    restFault = RestFault.HTTP_500;
    restFaultPath = "/trading/order";
    rateLimitBurst.set(0);
    rateLimitPath = "";
    wsDropEveryMs.set(0);
    wsSilent = false;
    pingPongOff = false;
    noticeBeforeReply = false;
    noticeDelayMs.set(0);
    noticeDuplicate.set(0);
    noticeLoss.set(0);
  }

  /** The next {@code count} REST requests whose path contains {@code pathPart} fail as {@code kind}. */
  public void failRest(RestFault kind, boolean orderApplied, int count, String pathPart) {
    restFault = kind;
    restFaultApplied = orderApplied;
    restFaultPath = pathPart;
    restFaultCount.set(count);
  }

  /** How long a {@link RestFault#TIMEOUT} holds the reply back. */
  public void restTimeout(Duration d) {
    restTimeoutMs.set(d.toMillis());
  }

  /** The next {@code count} REST requests are answered with EGW00201 regardless of the real rate. */
  public void rateLimitBurst(int count) {
    rateLimitBurst(count, "");
  }

  /**
   * The next {@code count} REST requests whose path contains {@code pathPart} ({@code ""}: any)
   * are refused with EGW00201; a test of the order path is then not disturbed by the inquiries a
   * background reconciliation makes meanwhile.
   */
  public void rateLimitBurst(int count, String pathPart) {
    rateLimitPath = pathPart;
    rateLimitBurst.set(count);
  }

  /** Every access token issued so far expires now (EGW00123 on its next use). */
  public void expireTokens() {
    onTokenExpire.run();
  }

  /** Closes every websocket session now (the client sees the connection end). */
  public void dropWebsockets() {
    onWsDrop.run();
  }

  /** Closes every websocket session periodically (zero: never), to exercise reconnects in soak runs. */
  public void dropWebsocketsEvery(Duration period) {
    lastPeriodicDrop = System.nanoTime();
    wsDropEveryMs.set(period.toMillis());
  }

  /** Called by the simulator's timer: drops the sockets when the period has passed. */
  void periodicDropTick() {
    long every = wsDropEveryMs.get();
    if (every > 0 && System.nanoTime() - lastPeriodicDrop >= every * 1_000_000L) {
      lastPeriodicDrop = System.nanoTime();
      onWsDrop.run();
    }
  }

  /** Websocket sessions stay open but the server sends nothing at all (no data, no PINGPONG). */
  public synchronized void silence(boolean silent) {
    wsSilent = silent;
  }

  /** Whether the server sends PINGPONG heartbeats and answers the client's. */
  public synchronized void pingPong(boolean on) {
    pingPongOff = !on;
  }

  /** Execution notices reach the client before the REST reply of the order that caused them. */
  public void noticeBeforeReply(boolean on) {
    noticeBeforeReply = on;
  }

  public void delayNotices(Duration d) {
    noticeDelayMs.set(d.toMillis());
  }

  /** The next {@code count} notices are sent twice ({@code -1}: all). */
  public void duplicateNotices(int count) {
    noticeDuplicate.set(count);
  }

  /** The next {@code count} notices are never sent ({@code -1}: all); the daily inquiry still shows the truth. */
  public void loseNotices(int count) {
    noticeLoss.set(count);
  }

  /** The current switches, for {@code GET /sim/faults}. */
  public Map<String, Object> describe() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("rest-fault", restFault == RestFault.TIMEOUT ? "timeout" : "500");
    m.put("rest-fault-count", restFaultCount.get());
    m.put("rest-fault-applied", restFaultApplied);
    m.put("rest-fault-path", restFaultPath);
    m.put("rest-timeout-ms", restTimeoutMs.get());
    m.put("rate-limit-burst", rateLimitBurst.get());
    m.put("rate-limit-path", rateLimitPath);
    m.put("ws-drop-every-ms", wsDropEveryMs.get());
    m.put("ws-silent", wsSilent);
    m.put("pingpong", pingPongOff ? "off" : "on");
    m.put("notice-before-reply", noticeBeforeReply);
    m.put("notice-delay-ms", noticeDelayMs.get());
    m.put("notice-duplicate", noticeDuplicate.get());
    m.put("notice-loss", noticeLoss.get());
    return m;
  }

  // ---- consulted by the server ----

  /** Takes one REST fault for this path if armed. */
  RestFaultHit takeRestFault(String path) {
    if (!path.contains(restFaultPath) || !take(restFaultCount)) {
      return null;
    }
    return new RestFaultHit(restFault, restFaultApplied, restTimeoutMs.get());
  }

  record RestFaultHit(RestFault kind, boolean applied, long timeoutMs) {}

  boolean takeRateLimitBurst(String path) {
    return path.contains(rateLimitPath) && take(rateLimitBurst);
  }

  boolean wsSilent() {
    return wsSilent;
  }

  boolean pingPongOff() {
    return pingPongOff;
  }

  boolean noticeBeforeReply() {
    return noticeBeforeReply;
  }

  long noticeDelayMs() {
    return noticeDelayMs.get();
  }

  boolean takeNoticeLoss() {
    return take(noticeLoss);
  }

  boolean takeNoticeDuplicate() {
    return take(noticeDuplicate);
  }

  private static boolean take(AtomicInteger counter) {
    while (true) {
      int c = counter.get();
      if (c == 0) {
        return false;
      }
      if (c < 0 || counter.compareAndSet(c, c - 1)) {
        return true;
      }
    }
  }
}
