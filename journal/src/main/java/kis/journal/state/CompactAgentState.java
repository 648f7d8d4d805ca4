package kis.journal.state;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.BufferUnderflowException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import kis.journal.ClientOrderId;
import kis.journal.OrderNo;
import kis.journal.OrderSpec;
import kis.journal.OrderType;
import kis.journal.ProtectiveId;
import kis.journal.ProtectiveKind;
import kis.journal.ProtectiveSpec;
import kis.journal.Side;
import kis.journal.Symbol;
import kis.journal.TimeInForce;
import kis.journal.Trail;
import kis.journal.Venue;

/**
 * The snapshot form of an {@link AgentState}: every field written in a fixed order as plain binary
 * (numbers as zigzag varints, UTF-8 strings each written once per snapshot and then referred to by
 * index, enums by name, instants as seconds and nanos), so an agent's books
 * load without a JSON-ish parser. A busy agent's snapshot is mostly its 200 closed orders and their
 * execution keys; Jackson CBOR spelled every property name of every order and parsed every instant
 * from text, which was most of a restart's recovery. Version {@value #VERSION}; a later change of
 * the state writes a new version and keeps reading this one. Version 2 writes the day's pruned
 * order numbers ({@link PrunedOrderNos}, thousands on a busy day) as numbers, loaded into a
 * {@link PackedOrderNos} without an {@code OrderNo} each; version 1 wrote them as strings and is
 * still read.
 *
 * <p>Pure: {@code read(write(s)).equals(s)} and has the same {@link AgentState#stateHash()}.
 */
public final class CompactAgentState {
  /** The form's version, written first. */
  public static final int VERSION = 2;
  /** The first version: pruned order numbers as strings. */
  static final int STRING_ORDER_NOS = 1;

  private CompactAgentState() {}

  /** The bytes of {@code s} in the current version. */
  public static byte[] write(AgentState s) {
    return write(s, VERSION);
  }

  /** The bytes of {@code s} in {@code version} (1 or 2): the older one for the proof that it still loads. */
  static byte[] write(AgentState s, int version) {
    if (version != VERSION && version != STRING_ORDER_NOS) {
      throw new IllegalArgumentException("no agent state snapshot version " + version);
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(16_384);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      new Writer(out, version).state(s);
    } catch (IOException e) {
      throw new UncheckedIOException("a byte array cannot fail to grow", e);
    }
    return bytes.toByteArray();
  }

  /**
   * The state {@code bytes} hold.
   *
   * @throws IllegalArgumentException for bytes of an unknown version or cut short
   */
  public static AgentState read(byte[] bytes) {
    try {
      return new Reader(bytes).state();
    } catch (BufferUnderflowException e) {
      throw new IllegalArgumentException("agent state snapshot cut short (" + bytes.length + " bytes)", e);
    }
  }

  private static final class Writer {
    final DataOutputStream out;
    final int version;
    final Map<String, Integer> table = new HashMap<>();

    Writer(DataOutputStream out, int version) {
      this.out = out;
      this.version = version;
    }

    void state(AgentState s) throws IOException {
      out.writeByte(version);
      str(s.agentId());
      lng(s.eventCount());
      lng(s.nextOrderSeq());
      lng(s.fees());
      lng(s.taxes());
      lng(s.cashFlow());
      lng(s.correctionCost());
      out.writeBoolean(s.parked());
      str(s.parkReason());
      lng(s.anomalyCount());
      lng(s.openOrders().size());
      for (Map.Entry<String, Order> e : s.openOrders().entrySet()) {
        str(e.getKey());
        order(e.getValue());
      }
      lng(s.closedOrders().size());
      for (Order o : s.closedOrders()) {
        order(o);
      }
      lng(s.positions().size());
      for (Map.Entry<String, Position> e : s.positions().entrySet()) {
        str(e.getKey());
        Position p = e.getValue();
        str(p.symbol().code());
        lng(p.quantity());
        lng(p.costBasis());
        lng(p.realizedPnl());
      }
      lng(s.anomalies().size());
      for (Anomaly a : s.anomalies()) {
        lng(a.eventNumber());
        str(a.orderId());
        str(a.description());
      }
      lng(s.appliedCorrections().size());
      for (String c : s.appliedCorrections()) {
        str(c);
      }
      PrunedOrderNos pruned = s.prunedOrderNos();
      date(pruned.day());
      lng(pruned.chunks().size());
      for (List<OrderNo> chunk : pruned.chunks()) {
        lng(chunk.size());
        if (version == STRING_ORDER_NOS) {
          for (OrderNo no : chunk) {
            str(no.value());
          }
        } else {
          numbers(chunk);
        }
      }
      protections(s.protections());
    }

    void order(Order o) throws IOException {
      str(o.id().value());
      spec(o.spec());
      lng(o.price());
      str(o.status().name());
      str(o.orderNo() == null ? null : o.orderNo().value());
      str(o.branchNo());
      lng(o.previousOrderNos().size());
      for (OrderNo no : o.previousOrderNos()) {
        str(no.value());
      }
      lng(o.filledQuantity());
      lng(o.filledValue());
      lng(o.cancelledQuantity());
      lng(o.inferredUnmatched());
      lng(o.seenExecKeys().size());
      for (String k : o.seenExecKeys()) {
        str(k);
      }
      lng(o.pendingPrice());
      str(o.lastMessage());
      instant(o.requestedAt());
      instant(o.updatedAt());
    }

    /** Each number's value as a varint: a loaded chunk packs them without building an {@code OrderNo}. */
    void numbers(List<OrderNo> chunk) throws IOException {
      if (chunk instanceof PackedOrderNos packed) {
        for (int i = 0; i < packed.size(); i++) {
          unsigned(packed.number(i));
        }
      } else {
        for (OrderNo no : chunk) {
          unsigned(PackedOrderNos.valueOf(no));
        }
      }
    }

    void spec(OrderSpec s) throws IOException {
      str(s.symbol().code());
      str(s.side().name());
      str(s.type().name());
      lng(s.quantity());
      lng(s.price());
      str(s.venue().name());
      lng(s.stopPrice());
    }

    void protections(Protections p) throws IOException {
      lng(p.armed().size());
      for (Map.Entry<String, ArmedOrder> e : p.armed().entrySet()) {
        str(e.getKey());
        armed(e.getValue());
      }
      lng(p.nextSeq());
      lng(p.fired());
      str(p.lastFired());
    }

    void armed(ArmedOrder a) throws IOException {
      str(a.id().value());
      ProtectiveSpec s = a.spec();
      str(s.kind().name());
      str(s.symbol().code());
      str(s.side().name());
      lng(s.quantity());
      lng(s.triggerPrice());
      lng(s.limitPrice());
      out.writeBoolean(s.trail() != null);
      if (s.trail() != null) {
        str(s.trail().unit().name());
        lng(s.trail().amount());
        out.writeBoolean(s.trail().limitTicks() != null);
        if (s.trail().limitTicks() != null) {
          lng(s.trail().limitTicks());
        }
      }
      str(s.tif().kind().name());
      date(s.tif().until());
      str(s.venue().name());
      lng(a.trigger());
      lng(a.best());
      str(a.parent() == null ? null : a.parent().value());
      str(a.ocoGroup());
      lng(a.activeQuantity());
      instant(a.expiresAt());
      str(a.reason());
      instant(a.armedAt());
      instant(a.updatedAt());
      str(a.venueOrder() == null ? null : a.venueOrder().value());
    }

    /**
     * A string: 0 for null, {@code 2 * index + 1} for one written before in this snapshot (symbols,
     * statuses, branches and messages repeat across orders), else {@code 2 * (length + 1)} and its
     * UTF-8 bytes, which then get the next index.
     */
    void str(String s) throws IOException {
      if (s == null) {
        unsigned(0);
        return;
      }
      Integer seen = table.putIfAbsent(s, table.size());
      if (seen != null) {
        unsigned(2L * seen + 1);
        return;
      }
      byte[] b = s.getBytes(StandardCharsets.UTF_8);
      unsigned(2L * (b.length + 1));
      out.write(b);
    }

    /** Zigzag varint: small magnitudes of either sign take one or two bytes. */
    void lng(long v) throws IOException {
      unsigned((v << 1) ^ (v >> 63));
    }

    void unsigned(long v) throws IOException {
      while ((v & ~0x7FL) != 0) {
        out.writeByte((int) ((v & 0x7F) | 0x80));
        v >>>= 7;
      }
      out.writeByte((int) v);
    }

    void instant(Instant t) throws IOException {
      out.writeBoolean(t != null);
      if (t != null) {
        lng(t.getEpochSecond());
        lng(t.getNano());
      }
    }

    void date(LocalDate d) throws IOException {
      out.writeBoolean(d != null);
      if (d != null) {
        lng(d.toEpochDay());
      }
    }
  }

  /**
   * Reads over the array itself, not a {@code ByteBuffer}: a restart decodes its first snapshots
   * before the JIT has compiled anything, and in the interpreter every {@code ByteBuffer.get()} is
   * a few calls deep (bounds check, index); a packed order number is several bytes and a snapshot
   * holds thousands of them.
   */
  private static final class Reader {
    final byte[] in;
    int pos;
    /** Symbols repeat across orders: each code is validated and built once per snapshot. */
    final Map<String, Symbol> symbols = new HashMap<>();
    final List<String> strings = new ArrayList<>();
    /** The enum constant each string of the table names, once looked up (by index, as {@link #strings}). */
    Object[] constants = new Object[64];
    /** The table index of the string {@link #str()} returned last; -1 for none. */
    int lastIndex = -1;

    Reader(byte[] in) {
      this.in = in;
    }

    AgentState state() {
      int version = next();
      if (version != VERSION && version != STRING_ORDER_NOS) {
        throw new IllegalArgumentException("agent state snapshot of unknown version " + version);
      }
      String agentId = str();
      long eventCount = lng();
      long nextOrderSeq = lng();
      long fees = lng();
      long taxes = lng();
      long cashFlow = lng();
      long correctionCost = lng();
      boolean parked = next() != 0;
      String parkReason = str();
      long anomalyCount = lng();
      Map<String, Order> open = new TreeMap<>();
      for (int i = (int) lng(); i > 0; i--) {
        String key = str();
        open.put(key, order());
      }
      int closedCount = (int) lng();
      List<Order> closed = new ArrayList<>(closedCount);
      for (int i = 0; i < closedCount; i++) {
        closed.add(order());
      }
      Map<String, Position> positions = new TreeMap<>();
      for (int i = (int) lng(); i > 0; i--) {
        String key = str();
        positions.put(key, new Position(symbol(str()), lng(), lng(), lng()));
      }
      List<Anomaly> anomalies = new ArrayList<>();
      for (int i = (int) lng(); i > 0; i--) {
        anomalies.add(new Anomaly(lng(), str(), str()));
      }
      Set<String> corrections = new TreeSet<>();
      for (int i = (int) lng(); i > 0; i--) {
        corrections.add(str());
      }
      LocalDate day = date();
      List<List<OrderNo>> chunks = new ArrayList<>();
      for (int i = (int) lng(); i > 0; i--) {
        chunks.add(version == STRING_ORDER_NOS ? orderNos() : packedOrderNos());
      }
      PrunedOrderNos pruned = day == null && chunks.isEmpty() ? PrunedOrderNos.NONE
          : new PrunedOrderNos(day, Collections.unmodifiableList(chunks));
      Protections protections = protections();
      if (remaining() > 0) {
        throw new IllegalArgumentException("agent state snapshot has " + remaining() + " bytes past its end");
      }
      return new AgentState(agentId, eventCount, nextOrderSeq, Collections.unmodifiableMap(open),
          Collections.unmodifiableList(closed), Collections.unmodifiableMap(positions), fees, taxes, cashFlow,
          correctionCost, parked, parkReason, Collections.unmodifiableList(anomalies), anomalyCount,
          Collections.unmodifiableSet(corrections), pruned, protections);
    }

    Order order() {
      ClientOrderId id = new ClientOrderId(str());
      OrderSpec spec = spec();
      long price = lng();
      OrderStatus status = constant(OrderStatus.class);
      String no = str();
      String branch = str();
      List<OrderNo> previous = orderNos();
      long filled = lng();
      long filledValue = lng();
      long cancelled = lng();
      long inferred = lng();
      int keyCount = (int) lng();
      Set<String> keys = execKeys(keyCount);
      long pending = lng();
      String message = str();
      Instant requestedAt = instant();
      Instant updatedAt = instant();
      return new Order(id, spec, price, status, no == null ? null : new OrderNo(no), branch, previous, filled,
          filledValue, cancelled, inferred, keys, pending, message, requestedAt, updatedAt);
    }

    /** A filled order has one execution key or a few: Set.copyOf would hash them into a HashSet first. */
    Set<String> execKeys(int count) {
      if (count == 0) {
        return Set.of();
      }
      if (count == 1) {
        return Set.of(str());
      }
      List<String> keys = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        keys.add(str());
      }
      return Set.copyOf(keys);
    }

    OrderSpec spec() {
      return new OrderSpec(symbol(str()), constant(Side.class), constant(OrderType.class), lng(), lng(),
          constant(Venue.class), lng());
    }

    Protections protections() {
      int n = (int) lng();
      Map<String, ArmedOrder> armed = new TreeMap<>();
      for (int i = 0; i < n; i++) {
        String key = str();
        armed.put(key, armed());
      }
      long nextSeq = lng();
      long fired = lng();
      String lastFired = str();
      // Compared field by field: a record's equals is linked on first use, a cost on a cold start.
      if (n == 0 && Math.max(1, nextSeq) == Protections.NONE.nextSeq() && fired == Protections.NONE.fired()
          && lastFired == null) {
        return Protections.NONE;
      }
      return new Protections(n == 0 ? Map.of() : Collections.unmodifiableMap(armed), nextSeq, fired, lastFired);
    }

    ArmedOrder armed() {
      ProtectiveId id = new ProtectiveId(str());
      ProtectiveKind kind = constant(ProtectiveKind.class);
      Symbol symbol = symbol(str());
      Side side = constant(Side.class);
      long quantity = lng();
      long triggerPrice = lng();
      long limitPrice = lng();
      Trail trail = null;
      if (next() != 0) {
        Trail.Unit unit = constant(Trail.Unit.class);
        long amount = lng();
        Integer limitTicks = next() != 0 ? (int) lng() : null;
        trail = new Trail(unit, amount, limitTicks);
      }
      TimeInForce tif = new TimeInForce(constant(TimeInForce.Kind.class), date());
      Venue venue = constant(Venue.class);
      ProtectiveSpec spec = new ProtectiveSpec(kind, symbol, side, quantity, triggerPrice, limitPrice, trail, tif,
          venue);
      long trigger = lng();
      long best = lng();
      String parent = str();
      String oco = str();
      long active = lng();
      Instant expiresAt = instant();
      String reason = str();
      Instant armedAt = instant();
      Instant updatedAt = instant();
      String venueOrder = str();
      return new ArmedOrder(id, spec, trigger, best, parent == null ? null : new ClientOrderId(parent), oco, active,
          expiresAt, reason, armedAt, updatedAt, venueOrder == null ? null : new ClientOrderId(venueOrder));
    }

    List<OrderNo> orderNos() {
      int n = (int) lng();
      if (n == 0) {
        return List.of();
      }
      List<OrderNo> out = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        out.add(new OrderNo(str()));
      }
      return Collections.unmodifiableList(out);
    }

    List<OrderNo> packedOrderNos() {
      long n = lng();
      if (n < 0 || n > remaining()) { // each number takes at least a byte
        throw new IllegalArgumentException("agent state snapshot: " + n + " order numbers past its end");
      }
      long[] numbers = new long[(int) n];
      for (int i = 0; i < numbers.length; i++) {
        numbers[i] = unsigned();
      }
      return new PackedOrderNos(numbers);
    }

    Symbol symbol(String code) {
      return symbols.computeIfAbsent(code, Symbol::new);
    }

    String str() {
      long tag = unsigned();
      if (tag == 0) {
        return null;
      }
      if ((tag & 1) == 1) {
        long index = tag >>> 1;
        if (index >= strings.size()) {
          throw new IllegalArgumentException("agent state snapshot: string " + index + " of " + strings.size());
        }
        lastIndex = (int) index;
        return strings.get((int) index);
      }
      long n = (tag >>> 1) - 1;
      if (n > remaining()) {
        throw new IllegalArgumentException("agent state snapshot: a string of " + n + " bytes past its end");
      }
      String s = new String(in, pos, (int) n, StandardCharsets.UTF_8);
      pos += (int) n;
      lastIndex = strings.size();
      strings.add(s);
      return s;
    }

    /**
     * The constant of {@code type} the next string names. Every order repeats its status, side,
     * type and venue: each name is looked up once per snapshot, then found by its table index.
     */
    <E extends Enum<E>> E constant(Class<E> type) {
      lastIndex = -1;
      String name = str();
      int i = lastIndex;
      if (i < 0) {
        return Enum.valueOf(type, name); // null: throws, like any damaged snapshot
      }
      if (i >= constants.length) {
        constants = java.util.Arrays.copyOf(constants, Math.max(i + 1, constants.length * 2));
      }
      Object known = constants[i];
      if (known != null && ((Enum<?>) known).getDeclaringClass() == type) {
        return type.cast(known);
      }
      E c = Enum.valueOf(type, name);
      constants[i] = c;
      return c;
    }

    long lng() {
      long u = unsigned();
      return (u >>> 1) ^ -(u & 1);
    }

    long unsigned() {
      byte[] b = in;
      int p = pos;
      long v = 0;
      for (int shift = 0; shift < 64; shift += 7) {
        if (p >= b.length) {
          throw new BufferUnderflowException();
        }
        byte x = b[p++];
        v |= (long) (x & 0x7F) << shift;
        if (x >= 0) {
          pos = p;
          return v;
        }
      }
      throw new IllegalArgumentException("agent state snapshot: a number longer than 10 bytes");
    }

    byte next() {
      if (pos >= in.length) {
        throw new BufferUnderflowException();
      }
      return in[pos++];
    }

    int remaining() {
      return in.length - pos;
    }

    Instant instant() {
      return next() != 0 ? Instant.ofEpochSecond(lng(), (int) lng()) : null;
    }

    LocalDate date() {
      return next() != 0 ? LocalDate.ofEpochDay(lng()) : null;
    }
  }
}
