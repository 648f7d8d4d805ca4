package kis.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Collections;
import kis.connector.LatencyProbe;
import kis.engine.journal.CommitProbe;
import kis.journal.AgentId;
import org.junit.jupiter.api.Test;

/**
 * The tick-to-order split of one chosen sample: its queue, fsync and REST parts, and the fsync
 * part cut by the journal's own stamps, with the intent's write picked out among other writes.
 */
class ChosenTradeProbeTest {
  private static final String PATH = "/uapi/domestic-stock/v1/trading/order-cash";

  /** A trade frame whose first record's CNTG_VOL (field 12) is {@code qty}. */
  private static String frame(long qty) {
    String[] f = Collections.nCopies(46, "0").toArray(new String[0]);
    f[12] = Long.toString(qty);
    return "0|H0STCNT0|001|" + String.join("^", f);
  }

  @Test
  void theIntentsWriteIsTheFirstTakenAfterItsPersistAndTheSplitAddsUp() {
    ChosenTradeProbe probe = new ChosenTradeProbe(7);
    LatencyProbe.Listener ws = probe;
    CommitProbe.Listener journal = probe.commitListener();
    probe.arm();
    journal.received(90); // the previous order's fill, before the frame
    journal.committed(91, 95, 97, 1, 1);
    ws.frameReceived(99, frame(10)); // a background print is not the chosen one
    ws.frameReceived(100, frame(7));
    journal.received(150); // the previous order's accept, after the frame
    journal.committed(160, 190, 230, 1, 1); // still in flight when the intent reaches the journal
    probe.journalListener().written(new AgentId("a"), 1, 200, 400); // the intent, as the agent timed it
    journal.received(210);
    journal.committed(250, 300, 450, 1, 1); // the agent heard it before the writer took its last stamp
    journal.marked(260, 280); // begun 10 after the intent's commit, whose previous commit was written at 190
    journal.marked(320, 340); // its own marks, while the confirmed intent goes on to the REST call
    ws.requestSending(500, "POST", PATH);

    ChosenTradeProbe.Split s = probe.split();
    assertEquals(400, probe.result());
    assertEquals(new ChosenTradeProbe.Split(100, 200, 100,
        new ChosenTradeProbe.Journal(10, 40, 50, 100, 1, 1, 20, true, 10, 60, true)), s);
  }

  @Test
  void aSampleWithoutTheJournalsStampsKeepsItsThreeParts() {
    ChosenTradeProbe probe = new ChosenTradeProbe(7);
    probe.arm();
    probe.frameReceived(100, frame(7));
    probe.journalListener().written(new AgentId("a"), 1, 200, 400);
    probe.requestSending(500, "POST", PATH);
    assertEquals(new ChosenTradeProbe.Split(100, 200, 100, null), probe.split());
    assertNull(probe.split().journal());
  }
}
