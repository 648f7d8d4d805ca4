package kis.engine.parity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.ConfigFactory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import kis.connector.record.RecordedFrame;
import kis.connector.record.RecordingFiles;
import kis.connector.record.RecordingReader;
import kis.connector.ws.FrameTap;
import kis.engine.RecordedMarket;
import kis.engine.backtest.BacktestConfig;
import kis.engine.backtest.BacktestResult;
import kis.engine.backtest.BacktestRunner;
import kis.engine.backtest.MarketData;
import kis.engine.backtest.ProgressListener;
import kis.engine.backtest.SyntheticPrints;
import kis.journal.PrintSource;
import kis.journal.Symbol;
import kis.journal.event.AgentEvent;
import kis.journal.event.CancelRequested;
import kis.journal.event.OrderRequested;
import kis.journal.event.ReviseRequested;
import kis.sim.SimCredentials;
import kis.strategies.event.MarketEvent;
import kis.strategies.event.Trade;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18's record-and-replay proof: the whole engine runs a strategy live on kis-sim (the parity
 * test's harness) and records the market-data frames it receives; the recording, replayed through
 * {@code backtest --replay}'s path (the connector's parser, the live engine's print conversion, the
 * backtest's broker), makes the strategy decide exactly what it decided live: the same orders
 * (symbol, side, quantity, type, price), revises and cancels, in the same order.
 */
@org.junit.jupiter.api.extension.ExtendWith(org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension.class)
class RecordReplayTest {
  /** kis-sim's market and the engine on 2026-11-24 (a KRX trading day) from 10:00 KST, ticking. */
  static final Instant T0 = Instant.parse("2026-11-24T01:00:00Z");
  static final int PRINTS = 120;

  @TempDir Path dir;

  @Test
  void aRecordedLiveRunReplaysThroughTheBacktestToTheSameDecisions() throws Exception {
    MarketData path = pricePath();
    Clock clock = Clock.offset(Clock.systemUTC(), Duration.between(Instant.now(), T0));

    BacktestLiveParityTest.LiveRun live = BacktestLiveParityTest.runLive(dir, path, RestingLadder.class.getName(),
        BacktestLiveParityTest.PARAMS, clock);

    Path day = RecordingFiles.fileOf(RecordingFiles.folderOf(dir), LocalDate.of(2026, 11, 24));
    assertTrue(Files.isRegularFile(day), "run recorded into " + day);
    RecordingReader.Recording recording = RecordingReader.read(dir);
    assertEquals(List.of(), recording.warnings(), "the engine stopped cleanly: whole members");
    for (RecordedFrame f : recording.frames()) {
      assertTrue(FrameTap.isMarketFrame(f.frame()), "only market-data frames are recorded");
    }

    StringWriter out = new StringWriter();
    MarketData replayed = RecordedMarket.read(dir, PrintSource.KRX, new PrintWriter(out, true),
        new PrintWriter(new StringWriter(), true));
    var strategy = RestingLadder.fromConfig(ConfigFactory.parseString(BacktestLiveParityTest.PARAMS));
    assertEquals(prints(path), prints(replayed.only(strategy.symbols())),
        "the recording holds every print the live agent was handed, in order");

    BacktestResult replay = BacktestRunner.run(strategy, "replay", replayed, BacktestConfig.defaults()
        .withAgentId(BacktestLiveParityTest.AGENT).withCash(BacktestLiveParityTest.INITIAL_CASH)
        .withParticipation(1.0).withFillsAtTouch(true), ProgressListener.NONE);

    List<String> liveDecisions = decisions(live.journal());
    assertTrue(liveDecisions.stream().filter(l -> l.startsWith("place ")).count() >= 10,
        "the live run decided enough to compare: " + liveDecisions);
    assertTrue(liveDecisions.stream().anyMatch(l -> l.startsWith("revise ")), "revises: " + liveDecisions);
    assertTrue(liveDecisions.stream().anyMatch(l -> l.startsWith("place ") && l.contains(" SELL ")),
        "sells: " + liveDecisions);
    assertEquals(liveDecisions, decisions(replay.journal()));

    assertNoSecretIn(day, live.credentials());
  }

  /** The parity test's path, shorter: two stocks from kis-sim's base prices. */
  static MarketData pricePath() {
    Map<Symbol, Long> start = new LinkedHashMap<>();
    start.put(BacktestLiveParityTest.SAMSUNG, 71_000L);
    start.put(BacktestLiveParityTest.HYNIX, 128_500L);
    return SyntheticPrints.generate(new SyntheticPrints.Spec(20_261_124L, LocalDateTime.of(2026, 11, 24, 10, 0),
        PRINTS, start, 2, 30, 0.1));
  }

  /** The strategy's decisions in order: what it asked for, never what KIS or the broker answered. */
  static List<String> decisions(List<? extends AgentEvent> journal) {
    List<String> out = new ArrayList<>();
    for (AgentEvent e : journal) {
      if (e instanceof OrderRequested || e instanceof ReviseRequested || e instanceof CancelRequested) {
        out.add(ParityLine.of(e));
      }
    }
    return out;
  }

  /** Symbol, price and quantity of each trade, in order (the times are kis-sim's, not the path's). */
  static List<String> prints(MarketData md) {
    List<String> out = new ArrayList<>();
    for (MarketEvent e : md.events()) {
      if (e instanceof Trade t) {
        out.add(t.symbol().code() + " " + t.quantity() + "@" + t.price());
      }
    }
    return out;
  }

  /**
   * Nothing the engine holds secret is in the file: the app key and secret, the account, the HTS id
   * (the notices' key), and the access token and approval key the run used (from its token cache).
   */
  private void assertNoSecretIn(Path day, SimCredentials c) throws IOException {
    String text;
    try (InputStream in = new GZIPInputStream(Files.newInputStream(day))) {
      ByteArrayOutputStream b = new ByteArrayOutputStream();
      in.transferTo(b);
      text = b.toString(StandardCharsets.UTF_8);
    }
    List<String> secrets = new ArrayList<>(List.of(c.appKey(), c.appSecret()));
    ObjectMapper json = new ObjectMapper();
    try (Stream<Path> files = Files.walk(dir.resolve("tokens"))) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        JsonNode n;
        try {
          n = json.readTree(f.toFile());
        } catch (IOException notJson) {
          continue;
        }
        for (String field : List.of("accessToken", "approvalKey")) {
          if (n != null && n.hasNonNull(field)) {
            secrets.add(n.get(field).asText());
          }
        }
      }
    }
    assertEquals(4, secrets.size(), "the run's access token and approval key were found to look for");
    for (String s : secrets) {
      assertTrue(s.length() >= 16, "a secret long enough to search for");
      assertFalse(text.contains(s), "a secret (" + s.length() + " chars) is in the recording");
    }
    // The account number and HTS id are short: no field of any frame may be one (a substring of a
    // long number field could match by chance).
    for (String line : text.split("\n")) {
      for (String field : line.split("[\\t|^]")) {
        assertFalse(field.equals(c.cano()) || field.equals(c.cano() + c.acntPrdtCd()) || field.equals(c.htsId()),
            "the account number or HTS id is in the recording");
      }
    }
  }
}
