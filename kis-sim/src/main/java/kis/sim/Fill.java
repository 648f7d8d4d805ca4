package kis.sim;

import java.time.LocalDate;
import kis.journal.Side;
import kis.journal.Symbol;

/** One execution of one order, with the fee and tax charged to the account. */
record Fill(long seq, String odno, LocalDate date, String time, Symbol symbol, Side side, long qty, long price,
    long fee, long tax) {}
