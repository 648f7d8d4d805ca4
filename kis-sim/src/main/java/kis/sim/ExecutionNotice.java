package kis.sim;

import kis.journal.OrderType;
import kis.journal.Side;
import kis.journal.Symbol;

/**
 * An execution-notice event ({@code H0STCNI9}/{@code H0STCNI0}) before formatting and encryption.
 *
 * @param rctfCls {@code 0} new, {@code 1} revise, {@code 2} cancel
 * @param fill whether this is a fill ({@code CNTG_YN} 2) or an order notice ({@code CNTG_YN} 1)
 * @param acptYn {@code 1} received, {@code 2} confirmed, {@code 3} cancelled (IOC/FOK remainder)
 * @param ordDvsn the order's {@code ORD_DVSN} as sent (41-43 for a KRX after-market order)
 * @param exgGb {@code ORD_EXG_GB}: 1 KRX, 2 NXT, 3 SOR→KRX, 4 SOR→NXT
 * @param condPrice {@code ORD_COND_PRC}: a stop-limit's trigger, 0 for other orders
 */
record ExecutionNotice(String odno, String orgOdno, Side side, String rctfCls, OrderType type, Symbol symbol,
    long cntgQty, long cntgUnpr, String time, boolean refused, boolean fill, String acptYn, long orderQty,
    long orderPrice, String name, String ordDvsn, String exgGb, long condPrice) {}
