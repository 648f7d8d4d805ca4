package kis.bench;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import kis.actors.agent.Agent;
import kis.actors.agent.AgentSettings;
import kis.actors.agent.OrderPort;
import kis.journal.AgentId;
import kis.journal.ClientOrderId;
import kis.journal.OrderNo;
import kis.journal.OrderSpec;
import kis.journal.Side;
import kis.journal.event.AgentEvent;
import kis.journal.event.FillSource;
import kis.journal.state.AgentState;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;
import org.fusesource.leveldbjni.JniDBFactory;
import org.iq80.leveldb.DB;
import org.iq80.leveldb.Options;
import org.iq80.leveldb.WriteBatch;
import org.iq80.leveldb.WriteOptions;

/**
 * Journal write throughput with fsync on: real {@link Agent}s placing orders through a port that
 * accepts and fills each one at once, so every order journals {@code OrderRequested},
 * {@code OrderAccepted} and {@code OrderFilled} through the Pekko LevelDB journal configured as in
 * {@code conf/application.conf}. Baseline, in the same run: the CBOR bytes of the same events
 * (Pekko's jackson-cbor serializer) written with raw leveldbjni {@link WriteBatch}es, sync on.
 *
 * <p>Batching, stated honestly: an agent persists one event per command and Pekko stashes its
 * next command until the write is done, and the LevelDB journal turns every write request into
 * one synced WriteBatch, so the agents side does one fsync per event. The primary baseline does
 * the same (one event per synced batch); an informational row batches {@code agents} events per
 * fsync, the best a group commit across agents could do. The two sides alternate for
 * {@code -Dbench.rounds} rounds (3); the figures are medians, the ratio the median per-round ratio.
 *
 * <p>Usage: {@code java -cp bench.jar kis.bench.JournalThroughput [agents] [ordersPerAgent]}.
 */
public final class JournalThroughput {
  static final double TARGET_RATIO = 0.5;

  private JournalThroughput() {}

  public static void main(String[] args) throws Exception {
    int agents = args.length > 0 ? Integer.parseInt(args[0]) : 10;
    int orders = args.length > 1 ? Integer.parseInt(args[1]) : 100;
    Row.print(run(agents, orders));
    System.exit(0);
  }

  static List<Row> run(int agents, int orders) throws Exception {
    Path dir = BenchConfig.tempDir("journal-bench");
    ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "journal-bench",
        BenchConfig.engine(dir.resolve("agents"), ""));
    try {
      List<AgentEvent> sample = new ArrayList<>();
      AgentId sampleAgent = new AgentId("bench-raw");
      for (int i = 1; sample.size() < agents * orders * 3; i++) {
        sample.addAll(OrderEvents.lifeCycle(sampleAgent, i));
      }
      Serialization ser = SerializationExtension.get(system);
      List<byte[]> bytes = new ArrayList<>(sample.size());
      for (AgentEvent e : sample) {
        bytes.add(ser.serialize(e).get());
      }
      double avgBytes = bytes.stream().mapToInt(b -> b.length).average().orElse(0);

      // Warm-up: a few orders per agent on other ids, and a few raw writes.
      agentRun(system, agents, 5, "warm");
      rawRun(dir.resolve("raw-warm").toFile(), bytes.subList(0, Math.min(300, bytes.size())), 1);

      // The disk is shared and fsync latency drifts, so the two sides alternate, round by round,
      // and the figure is the median of the per-round ratios.
      int rounds = Integer.getInteger("bench.rounds", 3);
      double[] agentRates = new double[rounds];
      double[] raw1s = new double[rounds];
      double[] rawNs = new double[rounds];
      double[] ratios = new double[rounds];
      for (int r = 0; r < rounds; r++) {
        agentRates[r] = agentRun(system, agents, orders, "r" + r);
        raw1s[r] = rawRun(dir.resolve("raw-1-" + r).toFile(), bytes, 1);
        rawNs[r] = rawRun(dir.resolve("raw-n-" + r).toFile(), bytes, agents);
        ratios[r] = agentRates[r] / raw1s[r];
        System.err.printf(Locale.ROOT, "journal round %d: agents %.0f ev/s, raw %.0f ev/s (1/batch), %.0f ev/s (%d/batch)%n",
            r, agentRates[r], raw1s[r], rawNs[r], agents);
      }
      double agentRate = BacktestThroughput.median(agentRates);
      double raw1 = BacktestThroughput.median(raw1s);
      double rawN = BacktestThroughput.median(rawNs);
      double ratio = BacktestThroughput.median(ratios);
      System.err.printf(Locale.ROOT, "journal: %d agents x %d orders = %,d events, %.0f CBOR bytes/event%n",
          agents, orders, agents * orders * 3, avgBytes);
      List<Row> rows = new ArrayList<>();
      rows.add(new Row("journal write throughput (" + agents + " agents, fsync)",
          String.format(Locale.ROOT, "%,.0f ev/s", agentRate),
          String.format(Locale.ROOT, "%,.0f ev/s raw JNI, 1 ev/synced batch", raw1),
          String.format(Locale.ROOT, "%.2f", ratio), "ratio >= 0.5", Row.yesNo(ratio >= TARGET_RATIO)));
      rows.add(new Row("  same, vs raw JNI " + agents + " ev/synced batch (info)",
          String.format(Locale.ROOT, "%,.0f ev/s", agentRate),
          String.format(Locale.ROOT, "%,.0f ev/s raw JNI, %d ev/synced batch", rawN, agents),
          String.format(Locale.ROOT, "%.2f", agentRate / rawN), "-", "n/a"));
      return rows;
    } finally {
      system.terminate();
      system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
      deleteTree(dir);
    }
  }

  /** Events per second journaled by {@code agents} agents placing {@code orders} orders each. */
  static double agentRun(ActorSystem<Void> system, int agents, int orders, String prefix) throws Exception {
    ActorRef<OrderPort> port = system.systemActorOf(instantBroker(), prefix + "-port", Props.empty());
    List<ActorRef<Agent.Command>> refs = new ArrayList<>();
    for (int i = 0; i < agents; i++) {
      AgentId id = new AgentId(prefix + "-agent-" + i);
      refs.add(system.systemActorOf(Agent.create(AgentSettings.of(id), port, Clock.systemUTC()),
          prefix + "-agent-" + i, Props.empty()));
    }
    // Recovery of the fresh agents is not part of the figure.
    awaitAll(system, refs, 0);
    long t0 = System.nanoTime();
    List<CompletableFuture<StatusReply<ClientOrderId>>> placed = new ArrayList<>();
    for (int o = 0; o < orders; o++) {
      for (ActorRef<Agent.Command> a : refs) {
        OrderSpec spec = OrderSpec.limit(OrderEvents.SAMSUNG, Side.BUY, 10, 70_000);
        placed.add(AskPattern.<Agent.Command, StatusReply<ClientOrderId>>ask(a,
            r -> new Agent.PlaceOrder(spec, "bench", r), Duration.ofMinutes(5), system.scheduler())
            .toCompletableFuture());
      }
    }
    for (CompletableFuture<StatusReply<ClientOrderId>> f : placed) {
      if (f.get(5, TimeUnit.MINUTES).isError()) {
        throw new IllegalStateException("order refused: " + f.get().getError());
      }
    }
    awaitAll(system, refs, 3L * orders);
    long t1 = System.nanoTime();
    return 3.0 * orders * agents / ((t1 - t0) / 1e9);
  }

  /** Waits until every agent has journaled {@code events} events (fills arrive after the order reply). */
  private static void awaitAll(ActorSystem<Void> system, List<ActorRef<Agent.Command>> refs, long events)
      throws Exception {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
    for (ActorRef<Agent.Command> a : refs) {
      while (true) {
        CompletionStage<AgentState> s = AskPattern.ask(a, Agent.GetState::new, Duration.ofMinutes(1),
            system.scheduler());
        long n = s.toCompletableFuture().get(1, TimeUnit.MINUTES).eventCount();
        if (n >= events) {
          break;
        }
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(a.path().name() + " journaled only " + n + " of " + events);
        }
        Thread.onSpinWait();
      }
    }
  }

  /** A broker that accepts every order and fills it in full at its limit, at once. */
  static Behavior<OrderPort> instantBroker() {
    return Behaviors.receive((ctx, m) -> {
      if (m instanceof OrderPort.SendOrder s) {
        OrderNo no = OrderNo.of(String.format("%010d", Math.abs(s.orderId().value().hashCode())));
        s.replyTo().tell(new Agent.BrokerAccepted(s.orderId(), no, "06010", "090000", false));
        s.replyTo().tell(new Agent.BrokerFill(no, s.spec().quantity(), s.spec().price(), "x-" + s.orderId().value(),
            "090001", FillSource.NOTICE));
      }
      return Behaviors.same();
    });
  }

  /** Events per second written as raw synced WriteBatches of {@code perBatch} events. */
  static double rawRun(File dir, List<byte[]> events, int perBatch) throws Exception {
    Options options = new Options().createIfMissing(true).paranoidChecks(false).verifyChecksums(false);
    try (DB db = JniDBFactory.factory.open(dir, options)) {
      WriteOptions sync = new WriteOptions().sync(true);
      long t0 = System.nanoTime();
      for (int i = 0; i < events.size(); i += perBatch) {
        try (WriteBatch batch = db.createWriteBatch()) {
          for (int j = i; j < Math.min(events.size(), i + perBatch); j++) {
            batch.put(key(j), events.get(j));
          }
          db.write(batch, sync);
        }
      }
      return events.size() / ((System.nanoTime() - t0) / 1e9);
    }
  }

  /** Pekko's LevelDB key layout in spirit: persistence id number, sequence number, channel. */
  private static byte[] key(long seq) {
    return java.nio.ByteBuffer.allocate(16).putInt(7).putLong(seq).putInt(0).array();
  }

  static void deleteTree(Path dir) {
    try (var paths = Files.walk(dir)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (java.io.IOException e) {
      System.err.println("could not delete " + dir + ": " + e.getMessage());
    }
  }
}
