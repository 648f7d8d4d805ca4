package kis.engine.backtest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import kis.journal.Symbol;
import kis.strategies.event.Bar;
import kis.strategies.event.InvestorFlow;
import kis.strategies.event.MarketEvent;

/**
 * The history store {@code history fetch} fills: one embedded DuckDB file (by default
 * {@code <data dir>/history.duckdb}) that {@code backtest --history} reads and a user can open
 * with DuckDB's own CLI. One table per kind, keyed by symbol and time; times are KST wall time.
 *
 * <pre>
 * daily_bars      (symbol VARCHAR, day DATE,            open, high, low, close, volume BIGINT)  PK (symbol, day)
 * minute_bars     (symbol VARCHAR, bar_start TIMESTAMP, open, high, low, close, volume BIGINT)  PK (symbol, bar_start)
 * investor_flows  (symbol VARCHAR, day DATE, foreign_net, institution_net, individual_net BIGINT) PK (symbol, day)
 * fetched_days    (kind VARCHAR, symbol VARCHAR, day DATE, bars INTEGER, fetched_at TIMESTAMP)   PK (kind, symbol, day)
 * </pre>
 *
 * {@code bar_start} is the minute KIS labels a bar with ({@code stck_cntg_hour}); the backtest
 * delivers the bar at its end, a minute later. {@code fetched_days} is what makes a fetch
 * resumable: a day is marked in the same transaction that stores its bars, so a stopped fetch
 * leaves either a whole day marked or nothing. Not thread-safe: one fetch or read at a time
 * (DuckDB also lets only one process open the file for writing).
 */
public final class HistoryDb implements AutoCloseable {
  /** The file name under a data dir. */
  public static final String FILE_NAME = "history.duckdb";
  private static final String MINUTE_INSERT = "INSERT INTO minute_bars VALUES (?, ?, ?, ?, ?, ?, ?)";
  private static final String MINUTE_UPSERT = "INSERT OR REPLACE INTO minute_bars VALUES (?, ?, ?, ?, ?, ?, ?)";
  private static final String DAILY_UPSERT = "INSERT OR REPLACE INTO daily_bars VALUES (?, ?, ?, ?, ?, ?, ?)";
  private static final String FLOWS_UPSERT = "INSERT OR REPLACE INTO investor_flows VALUES (?, ?, ?, ?, ?)";

  /** What {@code fetched_days.kind} says. */
  public enum Kind {
    DAILY,
    MINUTE
  }

  private static final String[] SCHEMA = {
    "CREATE TABLE IF NOT EXISTS daily_bars (symbol VARCHAR NOT NULL, day DATE NOT NULL, open BIGINT NOT NULL,"
        + " high BIGINT NOT NULL, low BIGINT NOT NULL, close BIGINT NOT NULL, volume BIGINT NOT NULL,"
        + " PRIMARY KEY (symbol, day))",
    "CREATE TABLE IF NOT EXISTS minute_bars (symbol VARCHAR NOT NULL, bar_start TIMESTAMP NOT NULL,"
        + " open BIGINT NOT NULL, high BIGINT NOT NULL, low BIGINT NOT NULL, close BIGINT NOT NULL,"
        + " volume BIGINT NOT NULL, PRIMARY KEY (symbol, bar_start))",
    "CREATE TABLE IF NOT EXISTS investor_flows (symbol VARCHAR NOT NULL, day DATE NOT NULL,"
        + " foreign_net BIGINT NOT NULL, institution_net BIGINT NOT NULL, individual_net BIGINT NOT NULL,"
        + " PRIMARY KEY (symbol, day))",
    "CREATE TABLE IF NOT EXISTS fetched_days (kind VARCHAR NOT NULL, symbol VARCHAR NOT NULL, day DATE NOT NULL,"
        + " bars INTEGER NOT NULL, fetched_at TIMESTAMP NOT NULL, PRIMARY KEY (kind, symbol, day))"
  };

  private final Path file;
  private final Connection db;
  private final Clock clock;

  private HistoryDb(Path file, Connection db, Clock clock) {
    this.file = file;
    this.db = db;
    this.clock = clock;
  }

  /** Opens (creating if needed) the store at {@code file}. */
  public static HistoryDb open(Path file) {
    return open(file, Clock.systemUTC());
  }

  /** Opens (creating if needed) the store at {@code file}; {@code clock} stamps {@code fetched_at}. */
  public static HistoryDb open(Path file, Clock clock) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Connection c = DriverManager.getConnection("jdbc:duckdb:" + file.toAbsolutePath());
      try (Statement st = c.createStatement()) {
        for (String ddl : SCHEMA) {
          st.execute(ddl);
        }
      }
      return new HistoryDb(file, c, clock);
    } catch (SQLException | java.io.IOException e) {
      throw new IllegalStateException("cannot open the history store " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * The store a path names: a {@code .duckdb} file, or a directory holding {@value #FILE_NAME};
   * empty when it names neither (an older CSV store, read by {@link HistoryStore}).
   */
  public static java.util.Optional<Path> find(Path path) {
    if (Files.isRegularFile(path) && path.getFileName().toString().endsWith(".duckdb")) {
      return java.util.Optional.of(path);
    }
    Path inside = path.resolve(FILE_NAME);
    return Files.isRegularFile(inside) ? java.util.Optional.of(inside) : java.util.Optional.empty();
  }

  public Path file() {
    return file;
  }

  /** One minute bar as stored. */
  public record MinuteRow(LocalDateTime barStart, long open, long high, long low, long close, long volume) {
    Object[] columns(Symbol s) {
      return new Object[] {s.code(), barStart, open, high, low, close, volume};
    }
  }

  /** One daily bar as stored. */
  public record DailyRow(LocalDate day, long open, long high, long low, long close, long volume) {
    Object[] columns(Symbol s) {
      return new Object[] {s.code(), day, open, high, low, close, volume};
    }
  }

  /** One day of investor flows as stored. */
  public record FlowRow(LocalDate day, long foreign, long institution, long individual) {
    Object[] columns(Symbol s) {
      return new Object[] {s.code(), day, foreign, institution, individual};
    }
  }

  /**
   * Replaces {@code day}'s minute bars of {@code s} with {@code bars}; when {@code complete}, marks
   * the day fetched, in the same transaction.
   */
  public void putMinuteDay(Symbol s, LocalDate day, List<MinuteRow> bars, boolean complete) {
    tx(() -> {
      try (PreparedStatement del = db.prepareStatement(
          "DELETE FROM minute_bars WHERE symbol = ? AND bar_start >= ? AND bar_start < ?")) {
        del.setString(1, s.code());
        del.setObject(2, day.atStartOfDay());
        del.setObject(3, day.plusDays(1).atStartOfDay());
        del.executeUpdate();
      }
      insertAll(MINUTE_INSERT, bars.stream().map(b -> b.columns(s)).toList());
      if (complete) {
        mark(Kind.MINUTE, s, day, day, bars.size());
      }
    });
  }

  /**
   * Stores daily bars of {@code s} (replacing those of the same days) and marks every calendar
   * day from {@code coveredFrom} to {@code coveredTo} fetched, in one transaction. Null bounds mark
   * nothing (today's bar is still moving).
   */
  public void putDaily(Symbol s, List<DailyRow> bars, LocalDate coveredFrom, LocalDate coveredTo) {
    tx(() -> {
      insertAll(DAILY_UPSERT, bars.stream().map(b -> b.columns(s)).toList());
      if (coveredFrom != null && coveredTo != null && !coveredTo.isBefore(coveredFrom)) {
        mark(Kind.DAILY, s, coveredFrom, coveredTo, -1);
      }
    });
  }

  /** Stores investor flows of {@code s}, replacing those of the same days. */
  public void putFlows(Symbol s, List<FlowRow> rows) {
    tx(() -> {
      insertAll(FLOWS_UPSERT, rows.stream().map(f -> f.columns(s)).toList());
    });
  }

  /** What {@link #importData} stored. */
  public record Imported(int dailyBars, int minuteBars, int flows, int trades) {}

  /**
   * Stores bars and flows read from elsewhere (a CSV export), replacing rows with the same key, in
   * one transaction; marks nothing fetched, so {@code history fetch} still asks KIS for those days.
   * Trades have no table and are counted, not stored; a bar of any other period is refused.
   */
  public Imported importData(MarketData data) {
    List<Object[]> daily = new ArrayList<>();
    List<Object[]> minute = new ArrayList<>();
    List<Object[]> flows = new ArrayList<>();
    int trades = 0;
    for (MarketEvent e : data.events()) {
      if (e instanceof Bar b && (b.period().equals(Bar.DAY) || b.period().equals(Bar.MINUTE))) {
        LocalDateTime end = LocalDateTime.ofInstant(b.time(), kis.strategies.StrategyContext.KST);
        if (b.period().equals(Bar.DAY)) {
          daily.add(new DailyRow(end.toLocalDate(), b.open(), b.high(), b.low(), b.close(), b.volume())
              .columns(b.symbol()));
        } else {
          minute.add(new MinuteRow(end.minusMinutes(1), b.open(), b.high(), b.low(), b.close(), b.volume())
              .columns(b.symbol()));
        }
      } else if (e instanceof Bar b) {
        throw new IllegalArgumentException("a " + b.period() + " bar of " + b.symbol() + " has no table");
      } else if (e instanceof InvestorFlow f) {
        flows.add(new FlowRow(f.tradingDate(), f.foreignNetBuy(), f.institutionNetBuy(), f.individualNetBuy())
            .columns(f.symbol()));
      } else {
        trades++;
      }
    }
    tx(() -> {
      insertAll(DAILY_UPSERT, daily);
      insertAll(MINUTE_UPSERT, minute);
      insertAll(FLOWS_UPSERT, flows);
    });
    return new Imported(daily.size(), minute.size(), flows.size(), trades);
  }

  /** The days of {@code kind} already fetched for {@code s} between the dates (inclusive). */
  public Set<LocalDate> fetchedDays(Kind kind, Symbol s, LocalDate from, LocalDate to) {
    Set<LocalDate> out = new TreeSet<>();
    query("SELECT day FROM fetched_days WHERE kind = ? AND symbol = ? AND day BETWEEN ? AND ?",
        List.of(kind.name(), s.code(), from, to), rs -> out.add(rs.getObject(1, LocalDate.class)));
    return out;
  }

  /** How many minute bars of {@code s} are stored. */
  public long minuteBars(Symbol s) {
    long[] n = {0};
    query("SELECT count(*) FROM minute_bars WHERE symbol = ?", List.of(s.code()), rs -> n[0] = rs.getLong(1));
    return n[0];
  }

  /**
   * Bars of {@code symbols} at {@code interval} between the dates (inclusive; null for
   * open-ended), with their investor flows, as the backtest replays them: a minute bar at its end,
   * a daily bar at the close.
   */
  public MarketData read(Collection<Symbol> symbols, HistoryStore.Interval interval, LocalDate from, LocalDate to) {
    LocalDate lo = from == null ? LocalDate.of(1900, 1, 1) : from;
    LocalDate hi = to == null ? LocalDate.of(9999, 12, 31) : to;
    List<MarketEvent> events = new ArrayList<>();
    for (Symbol s : symbols) {
      int before = events.size();
      if (interval == HistoryStore.Interval.DAILY) {
        query("SELECT day, open, high, low, close, volume FROM daily_bars WHERE symbol = ? AND day BETWEEN ? AND ?"
            + " ORDER BY day", List.of(s.code(), lo, hi), rs -> events.add(new Bar(s,
                CsvMarketData.kst(rs.getObject(1, LocalDate.class).atTime(CsvMarketData.DAILY_BAR_TIME)), Bar.DAY,
                rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6))));
      } else {
        query("SELECT bar_start, open, high, low, close, volume FROM minute_bars WHERE symbol = ?"
            + " AND bar_start >= ? AND bar_start < ? ORDER BY bar_start",
            List.of(s.code(), lo.atStartOfDay(), hi.plusDays(1).atStartOfDay()), rs -> events.add(new Bar(s,
                CsvMarketData.kst(rs.getObject(1, LocalDateTime.class).plusMinutes(1)), Bar.MINUTE,
                rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6))));
      }
      if (events.size() == before) {
        throw new IllegalArgumentException("no " + interval.name().toLowerCase(java.util.Locale.ROOT) + " history for "
            + s + " in " + file + (from != null || to != null ? " between " + from + " and " + to : "")
            + " (run: kis-trader history fetch --symbols " + s + ")");
      }
      query("SELECT day, foreign_net, institution_net, individual_net FROM investor_flows WHERE symbol = ?"
          + " AND day BETWEEN ? AND ? ORDER BY day", List.of(s.code(), lo, hi), rs -> {
            LocalDate d = rs.getObject(1, LocalDate.class);
            events.add(new InvestorFlow(s, CsvMarketData.kst(d.atTime(CsvMarketData.FLOW_TIME)), d, rs.getLong(2),
                rs.getLong(3), rs.getLong(4)));
          });
    }
    return MarketData.of(events);
  }

  @Override
  public void close() {
    try {
      db.close();
    } catch (SQLException e) {
      throw new IllegalStateException("cannot close the history store " + file + ": " + e.getMessage(), e);
    }
  }

  private void mark(Kind kind, Symbol s, LocalDate from, LocalDate to, int bars) throws SQLException {
    LocalDateTime now = LocalDateTime.now(clock.withZone(kis.strategies.StrategyContext.KST));
    List<Object[]> days = new ArrayList<>();
    for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
      days.add(new Object[] {kind.name(), s.code(), d, bars, now});
    }
    insertAll("INSERT OR REPLACE INTO fetched_days VALUES (?, ?, ?, ?, ?)", days);
  }

  /** Every row (its columns in the table's order) through one prepared statement, as one batch. */
  private void insertAll(String sql, List<Object[]> rows) throws SQLException {
    if (rows.isEmpty()) {
      return;
    }
    try (PreparedStatement ins = db.prepareStatement(sql)) {
      for (Object[] row : rows) {
        for (int i = 0; i < row.length; i++) {
          ins.setObject(i + 1, row[i]);
        }
        ins.addBatch();
      }
      ins.executeBatch();
    }
  }

  private interface SqlWork {
    void run() throws SQLException;
  }

  private interface RowReader {
    void read(ResultSet rs) throws SQLException;
  }

  private void tx(SqlWork work) {
    try {
      db.setAutoCommit(false);
      try {
        work.run();
        db.commit();
      } catch (SQLException | RuntimeException e) {
        db.rollback();
        throw e;
      } finally {
        db.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot write the history store " + file + ": " + e.getMessage(), e);
    }
  }

  private void query(String sql, List<Object> args, RowReader reader) {
    try (PreparedStatement st = db.prepareStatement(sql)) {
      for (int i = 0; i < args.size(); i++) {
        st.setObject(i + 1, args.get(i));
      }
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          reader.read(rs);
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the history store " + file + ": " + e.getMessage(), e);
    }
  }
}
