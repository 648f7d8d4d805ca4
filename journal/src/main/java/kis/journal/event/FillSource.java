package kis.journal.event;

/**
 * Who reported a fill. A websocket notice reports one execution; an inquiry
 * ({@code inquire-daily-ccld}) reports only an order's cumulative total, so a fill inferred from an
 * inquiry may later be matched by a late notice for the same shares, which must then not count
 * twice.
 */
public enum FillSource {
  NOTICE,
  INQUIRY
}
