package kis.sim;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import kis.journal.Symbol;

/**
 * The {@code ^}-separated payload records of the realtime TRs, in the exact field order of
 * shared/kis-api.md §5.6–§5.8, and the {@code <enc>|<TR>|<count>|<payload>} frame around them.
 */
final class RealtimeFrames {
  static final int TRADE_FIELDS = 46;
  static final int BOOK_FIELDS = 59;
  static final int NOTICE_FIELDS = 26;

  private RealtimeFrames() {}

  /**
   * One {@code H0STMKO0} record (11 fields, the columns of KIS's sample market_status_krx): the
   * stock, not halted, its market-operation code ({@code 20} intraday, as {@code NEW_MKOP_CLS_CODE}
   * reads), and {@code VI_CLS_CODE} {@code Y} while a VI runs, {@code N} once it ended (the
   * simulator's reading, as its inquire-price's {@code vi_cls_code}; KIS documents no values).
   */
  static String marketStatus(Symbol symbol, boolean vi) {
    return String.join("^", symbol.code(), "N", "", "20", "", "", "", "", vi ? "Y" : "N", "N", "");
  }

  /** {@code 0|TR|NNN|rec^rec…}: several records of one TR in one frame. */
  static String frame(boolean encrypted, String trId, int count, String payload) {
    StringBuilder b = new StringBuilder(payload.length() + trId.length() + 8).append(encrypted ? '1' : '0')
        .append('|').append(trId).append('|');
    if (count < 100) {
      b.append(count < 10 ? "00" : "0");
    }
    return b.append(count).append('|').append(payload).toString();
  }

  static String sign(Instrument inst, long price) {
    if (price >= inst.limits.upper()) {
      return "1";
    } else if (price <= inst.limits.lower()) {
      return "4";
    } else if (price > inst.base) {
      return "2";
    } else if (price < inst.base) {
      return "5";
    }
    return "3";
  }

  static String rate(long part, long whole) {
    return whole == 0 ? "0.00" : TwoPlaces.of(part, 100, whole);
  }

  /** KIS's sign of a change: 2 up, 5 down, 3 unchanged. */
  static String signOf(long diff) {
    return diff > 0 ? "2" : diff < 0 ? "5" : "3";
  }

  /** One {@code H0STCNT0} record (46 fields) for a print already recorded in {@code inst}. */
  static String trade(Instrument inst, Instrument.Print p, String time, LocalDate date) {
    // Built by hand, not with String.format and a list of strings: at the bench's 1,000 prints/s
    // the simulator's frames were most of its JVM's garbage (bench/README "### tick5").
    Fields f = new Fields(TRADE_FIELDS * 8);
    long px = p.price();
    f.add(inst.spec.symbol().code());
    f.add(time);
    f.add(px);
    f.add(sign(inst, px));
    f.add(px - inst.base);
    f.add(rate(px - inst.base, inst.base));
    f.add(inst.volume == 0 ? Long.toString(px) : TwoPlaces.of(inst.value, 1, inst.volume));
    f.add(inst.open);
    f.add(inst.high);
    f.add(inst.low);
    f.add(inst.bestAsk());
    f.add(inst.bestBid());
    f.add(p.qty());
    f.add(inst.volume);
    f.add(inst.value);
    f.add(inst.sellCount);
    f.add(inst.buyCount);
    f.add(inst.buyCount - inst.sellCount);
    f.add(inst.sellVolume == 0 ? "0.00" : rate(inst.buyVolume, inst.sellVolume));
    f.add(inst.sellVolume);
    f.add(inst.buyVolume);
    f.add(p.buyInitiated() ? "1" : "5");
    f.add(rate(inst.buyVolume, inst.volume));
    f.add(rate(inst.volume, Math.max(1, inst.prevDayVolume)));
    f.add(inst.openTime);
    f.add(signOf(px - inst.open));
    f.add(px - inst.open);
    f.add(inst.highTime);
    f.add(signOf(px - inst.high));
    f.add(px - inst.high);
    f.add(inst.lowTime);
    f.add(signOf(px - inst.low));
    f.add(px - inst.low);
    f.date(date);
    f.add("20");
    f.add("N");
    f.add(inst.askQty[0]);
    f.add(inst.bidQty[0]);
    f.add(sum(inst.askQty));
    f.add(sum(inst.bidQty));
    f.add(rate(inst.volume, inst.spec.floatingShares()));
    f.add(inst.prevDayVolume);
    f.add(rate(inst.volume, Math.max(1, inst.prevDayVolume)));
    f.add("0");
    f.add("");
    f.add(inst.base);
    return f.toString();
  }

  /** One {@code H0STASP0} record (59 fields); {@code own} adds the account's resting orders. */
  static String book(Instrument inst, String time, Map<Long, long[]> own) {
    Fields f = new Fields(BOOK_FIELDS * 8);
    f.add(inst.spec.symbol().code());
    f.add(time);
    f.add("0");
    long[] askQ = new long[Instrument.LEVELS];
    long[] bidQ = new long[Instrument.LEVELS];
    for (int i = 0; i < Instrument.LEVELS; i++) {
      long[] atAsk = own.isEmpty() ? null : own.get(inst.askPx[i]);
      long[] atBid = own.isEmpty() ? null : own.get(inst.bidPx[i]);
      askQ[i] = inst.askQty[i] + (atAsk == null ? 0 : atAsk[0]);
      bidQ[i] = inst.bidQty[i] + (atBid == null ? 0 : atBid[1]);
    }
    for (long p : inst.askPx) {
      f.add(p);
    }
    for (long p : inst.bidPx) {
      f.add(p);
    }
    for (long q : askQ) {
      f.add(q);
    }
    for (long q : bidQ) {
      f.add(q);
    }
    f.add(sum(askQ));
    f.add(sum(bidQ));
    f.add("0");
    f.add("0");
    f.add("0");
    f.add("0");
    f.add("0");
    f.add("0");
    f.add("3");
    f.add("0.00");
    f.add(inst.volume);
    f.add(sum(askQ) - sum(inst.prevAskQty));
    f.add(sum(bidQ) - sum(inst.prevBidQty));
    f.add("0");
    f.add("0");
    f.add("0");
    return f.toString();
  }

  /** {@code ^}-separated fields in one builder. */
  private static final class Fields {
    private final StringBuilder b;

    Fields(int capacity) {
      b = new StringBuilder(capacity);
    }

    private StringBuilder next() {
      return b.isEmpty() ? b : b.append('^');
    }

    void add(String s) {
      next().append(s);
    }

    void add(long v) {
      next().append(v);
    }

    /** {@code YYYYMMDD}, as {@link Exchange#YYYYMMDD} formats a date of years 1000-9999. */
    void date(LocalDate d) {
      next().append(d.getYear());
      int m = d.getMonthValue();
      int day = d.getDayOfMonth();
      b.append(m < 10 ? "0" : "").append(m).append(day < 10 ? "0" : "").append(day);
    }

    @Override
    public String toString() {
      return b.toString();
    }
  }

  /** One {@code H0STCNI9}/{@code H0STCNI0} plaintext record (current 26-field layout, §5.8). */
  static String notice(ExecutionNotice n, SimCredentials creds, String branch, String accountName) {
    List<String> f = new ArrayList<>(NOTICE_FIELDS);
    f.add(creds.htsId());
    f.add(creds.accountNo());
    f.add(n.odno());
    f.add(n.orgOdno());
    f.add(WireCodes.sideCode(n.side()));
    f.add(n.rctfCls());
    f.add(n.ordDvsn());
    f.add(n.type() == kis.journal.OrderType.IOC_LIMIT || n.type() == kis.journal.OrderType.IOC_MARKET ? "1"
        : n.type() == kis.journal.OrderType.FOK_LIMIT || n.type() == kis.journal.OrderType.FOK_MARKET ? "2" : "0");
    f.add(n.symbol().code());
    f.add(String.format("%010d", n.cntgQty()));
    f.add(String.format("%09d", n.cntgUnpr()));
    f.add(n.time());
    f.add(n.refused() ? "1" : "0");
    f.add(n.fill() ? "2" : "1");
    f.add(n.acptYn());
    f.add(branch);
    f.add(String.format("%09d", n.orderQty()));
    f.add(accountName);
    f.add(Long.toString(n.condPrice()));
    f.add(n.exgGb());
    f.add("N");
    f.add("");
    f.add("10");
    f.add("");
    f.add(n.name());
    f.add(Long.toString(n.orderPrice()));
    return String.join("^", f);
  }

  private static long sum(long[] a) {
    long s = 0;
    for (long v : a) {
      s += v;
    }
    return s;
  }
}
