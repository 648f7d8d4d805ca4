package kis.engine.live;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.BindException;
import java.util.concurrent.TimeoutException;
import kis.engine.dashboard.DashboardSettings;
import org.junit.jupiter.api.Test;

/** How {@code run} words a dashboard that did not bind: a taken port and a bind that never answered differ. */
class DashboardPortTest {
  private static final DashboardSettings AT_8686 = DashboardSettings.loopback(8686);

  @Test
  void aTakenPortNamesThePortAndTheCause() {
    String m = DashboardPort.taken(AT_8686, new BindException("Address already in use"));
    assertTrue(m.startsWith("the dashboard cannot listen on 127.0.0.1:8686 (Address already in use)"), m);
    assertTrue(m.contains("kis.dashboard.enabled = false"), m);
  }

  @Test
  void aBindThatTimedOutIsABusyHostNotATakenPort() {
    // A TimeoutException has no message: this read "cannot listen on 127.0.0.1:0 (null)" before.
    String m = DashboardPort.taken(DashboardSettings.loopback(0), new TimeoutException());
    assertTrue(m.startsWith("the dashboard did not bind to 127.0.0.1:0 in time"), m);
    assertFalse(m.contains("null"), m);
    assertFalse(m.contains("holds the port"), m);
    assertTrue(m.contains("kis.dashboard.enabled = false"), m);
  }
}
