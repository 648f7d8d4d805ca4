package kis.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import kis.actors.agent.Agent;
import kis.actors.agent.AgentSettings;
import kis.actors.agent.OrderPort;
import kis.journal.AgentId;
import kis.journal.state.AgentState;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * The child JVM of {@link Recovery}: starts an actor system on an existing data dir, starts the
 * agents and waits until every one has recovered (answers {@code GetState}, which it can only do
 * after recovery) with the expected number of events folded. Prints
 * {@code RECOVERED <ms since JVM start> <ms since main> <ms from starting the agents>}; the last is
 * recovery inside an already-started JVM (actor system, journal and snapshot store up).
 *
 * <p>Usage: {@code RecoverAgents <data-dir> <snapshot-dir> <agents> <events-per-agent>}.
 */
public final class RecoverAgents {
  private RecoverAgents() {}

  public static void main(String[] args) throws Exception {
    long mainAt = System.currentTimeMillis();
    Path data = Path.of(args[0]);
    String snapshots = Path.of(args[1]).toAbsolutePath().toString();
    int agents = Integer.parseInt(args[2]);
    long expected = Long.parseLong(args[3]);
    ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "recovery",
        BenchConfig.engine(data, "pekko.persistence.snapshot-store.local.dir = \"" + snapshots + "\""));
    long systemAt = System.currentTimeMillis();
    ActorRef<OrderPort> port = system.systemActorOf(Behaviors.ignore(), "port", Props.empty());
    // One agent without events first: once it answers, the journal and snapshot store are up and
    // the agent code is loaded, so what follows is recovery inside an already-started JVM.
    ActorRef<Agent.Command> warm = system.systemActorOf(Agent.create(AgentSettings.of(new AgentId("bench-warm")), port,
        Clock.systemUTC()), "bench-warm", Props.empty());
    AskPattern.<Agent.Command, AgentState>ask(warm, Agent.GetState::new, Duration.ofMinutes(5), system.scheduler())
        .toCompletableFuture().get(5, TimeUnit.MINUTES);
    long warmAt = System.currentTimeMillis();
    long agentsAt = System.nanoTime();
    List<CompletableFuture<AgentState>> states = new ArrayList<>();
    java.util.Queue<Long> answeredAt = new java.util.concurrent.ConcurrentLinkedQueue<>();
    for (int i = 0; i < agents; i++) {
      AgentId id = Recovery.agentId(i);
      ActorRef<Agent.Command> a = system.systemActorOf(Agent.create(AgentSettings.of(id), port, Clock.systemUTC()),
          id.value(), Props.empty());
      // Stamped on the answering thread: Pekko's future runs even whenComplete on the common pool,
      // which on 2 cores is a new thread per step, i.e. 100 thread starts of the harness's own
      // counted against the agents (bench/README.md, crash8).
      states.add(AskPattern.<Agent.Command, AgentState>ask(a, Agent.GetState::new, Duration.ofMinutes(5),
          system.scheduler()).toCompletableFuture().whenCompleteAsync((s, e) -> answeredAt.add(System.nanoTime()),
          Runnable::run));
    }
    long spawnedMs = (System.nanoTime() - agentsAt) / 1_000_000;
    for (CompletableFuture<AgentState> f : states) {
      AgentState s = f.get(5, TimeUnit.MINUTES);
      if (s.eventCount() != expected) {
        System.out.println("FAILED " + s.agentId() + " recovered " + s.eventCount() + " events, expected " + expected);
        System.exit(2);
      }
    }
    long now = System.currentTimeMillis();
    long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
    long inJvm = (System.nanoTime() - agentsAt) / 1_000_000;
    System.out.println("RECOVERED " + (now - jvmStart) + " " + (now - mainAt) + " " + inJvm);
    if (Boolean.getBoolean("bench.phases")) {
      // Where the start went, for the profile notes (bench/README): ms since JVM start at each
      // phase, then the CPU time of each kind of thread (JIT and GC included).
      System.out.println("PHASES main " + (mainAt - jvmStart) + " system " + (systemAt - jvmStart) + " warm "
          + (warmAt - jvmStart) + " spawned " + (warmAt + spawnedMs - jvmStart) + " recovered " + (now - jvmStart));
      long[] at = answeredAt.stream().mapToLong(n -> (n - agentsAt) / 1_000_000).sorted().toArray();
      if (at.length > 0) {
        System.out.println("AGENTS after the start of the agents, ms: first " + at[0] + " tenth " + at[at.length / 10]
            + " median " + at[at.length / 2] + " ninetieth " + at[at.length * 9 / 10] + " last " + at[at.length - 1]);
      }
      // A count, not a time: the same under load (a thread per async step on 2 cores, crash8).
      System.out.println("THREADS started " + ManagementFactory.getThreadMXBean().getTotalStartedThreadCount());
      ProcCpu.byThreadKind(ProcessHandle.current().pid()).forEach(e ->
          System.out.println("CPU " + e.getValue() / 1_000_000 + " " + e.getKey()));
      // /proc cuts thread names at 15 characters; the JVM's own names tell the dispatchers apart.
      java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
      java.util.Map<String, Long> byName = new java.util.TreeMap<>();
      for (java.lang.management.ThreadInfo t : threads.getThreadInfo(threads.getAllThreadIds())) {
        long cpu = t == null ? -1 : threads.getThreadCpuTime(t.getThreadId());
        if (cpu > 0) {
          byName.merge(t.getThreadName().replaceAll("[0-9]+", ""), cpu, Long::sum);
        }
      }
      byName.forEach((name, cpu) -> System.out.println("JCPU " + cpu / 1_000_000 + " " + name));
    }
    System.out.flush();
    system.terminate();
    system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
    System.exit(0);
  }
}
