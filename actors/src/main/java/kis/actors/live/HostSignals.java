package kis.actors.live;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import kis.journal.calendar.SessionSchedule;
import kis.actors.risk.AccountBook;
import kis.actors.risk.AccountFigures;
import kis.actors.risk.AccountLimits;
import kis.actors.risk.AccountLink;
import kis.actors.risk.AgentFigures;
import kis.actors.risk.CancelAllWorkingOrders;
import kis.actors.risk.KillSwitch;
import kis.actors.risk.KillSwitchState;
import kis.actors.supervisor.ConnectionState;
import kis.actors.supervisor.KisSupervisor;
import kis.journal.Symbol;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.pattern.StatusReply;

/**
 * Tells every agent runner (which tells its strategy host, {@link HostFacts}) what it must know
 * besides market data, now and on every change, as the runner's serializable commands (so in the
 * cluster they reach runners on every node): the account's kill switch ({@link AgentRunner.KillSwitchNow};
 * engaging it makes each host cancel its agent's working orders), whether the KIS connection is live
 * ({@link AgentRunner.ConnectionNow}; live only after the supervisor's gap fill), the data dir's free
 * space ({@link AgentRunner.DiskNow}) and each symbol's base price (기준가) from KIS
 * {@code inquire-price}, fetched when a symbol is first watched, again when the trading day changes
 * and again when the market opens for orders (KIS sets the new day's 기준가 overnight, so a fetch
 * right after the day roll may still carry the old one) ({@link AgentRunner.BasePriceNow}). A runner
 * watched for the first time (a restarted one is a new ref) hears every fact at once. The fetches
 * give way to the account's other REST calls ({@link CourteousFetches}): at start the supervisor's
 * gap fill, which gates LIVE, is not queued behind one fetch per symbol on a slow rate budget.
 *
 * <p>It also keeps the account's counters across agents ({@link UseAccountLimits}): every host
 * reports its agent's figures here, and asks here, before each placement or revise, for the
 * account's check and a reservation in one step ({@link AccountBook}), so agents placing at the
 * same instant cannot each take the account's last order; crossing the account's daily loss
 * engages the kill switch with the reason. The cluster's account singleton runs this same actor,
 * so in the cluster too the account has one keeper, not one per node.
 */
public final class HostSignals {

  /** What the signals actor accepts. */
  public sealed interface Command permits Watch, KillSwitchNow, CancelAll, ConnectionNow, BaseFetched, HostGone,
      DayCheck, Refetch, FetchQueued, UseAccountLimits, GetAccount, Reported, Broadcast, DiskNow {}

  /** The data dir's free space crossed its margin ({@link DiskSpace}): every host hears it, new ones too. */
  public record DiskNow(DiskSpace.State state) implements Command {}

  /**
   * The account's limits across agents and the kill switch to engage when its daily loss is
   * crossed: from now on every host asks here for a reservation before each placement or revise
   * and reports its figures here; the figures are kept here (the one actor that sees every agent of
   * the account) and handed back to every host for its information (at once after a new order or a
   * changed exposure, else at most every {@link #BROADCAST_EVERY}; the decisions are taken here).
   * With {@link AccountLimits#NONE} the figures are still kept, for the dashboard.
   */
  public record UseAccountLimits(AccountLimits limits, ActorRef<KillSwitch.Command> killSwitch) implements Command {}

  /** The account's limits and every agent's last figures, for the dashboard. */
  public record GetAccount(ActorRef<AccountStatus> replyTo) implements Command {}

  /**
   * The account's limits and how much of them is used.
   *
   * @param day the trading day now
   * @param figures every agent's last reported figures
   */
  public record AccountStatus(AccountLimits limits, LocalDate day, AccountFigures figures)
      implements kis.journal.JournalSerializable {
    /** Summed over every agent; P&L and orders of {@code day} only. */
    public AccountFigures.Totals totals() {
      return figures.totals(day, null);
    }
  }

  /** A host's report or reservation request ({@link AccountLink.Message}). */
  record Reported(AccountLink.Message message) implements Command {}

  record Broadcast() implements Command {}

  /** Feed the agent runner {@code host}, whose strategy trades {@code symbol}. */
  public record Watch(ActorRef<AgentRunner.Command> host, Symbol symbol) implements Command {}

  /** The kill switch's state (after its recovery and after each change). */
  public record KillSwitchNow(KillSwitchState state) implements Command {}

  /** The kill switch asks for every working order to be cancelled (engaged, or recovered engaged). */
  public record CancelAll(CancelAllWorkingOrders request) implements Command {}

  record ConnectionNow(KisSupervisor.Status status) implements Command {}

  record BaseFetched(Symbol symbol, LocalDate tradingDay, long price, Throwable failure) implements Command {}

  record HostGone(ActorRef<AgentRunner.Command> host) implements Command {}

  record DayCheck() implements Command {}

  record Refetch(Symbol symbol) implements Command {}

  record FetchQueued() implements Command {}

  private static final Duration DAY_CHECK = Duration.ofSeconds(30);
  /** How often, at most, the hosts are told the account's figures (each report changes them). */
  static final Duration BROADCAST_EVERY = Duration.ofMillis(100);
  private static final Duration FETCH_RETRY = Duration.ofSeconds(2);
  /** How often a base-price fetch waiting for a free rate permit looks again. */
  private static final Duration FETCH_POLL = Duration.ofMillis(100);
  /** The longest a base-price fetch gives way before it queues for a permit like any read. */
  static final Duration FETCH_PATIENCE = Duration.ofSeconds(10);

  private final ActorContext<Command> ctx;
  private final TimerScheduler<Command> timers;
  private final Function<Symbol, CompletionStage<Long>> basePrices;
  private final BooleanSupplier restFree;
  private final CourteousFetches<Symbol> queued = new CourteousFetches<>(FETCH_PATIENCE);
  private final SessionSchedule schedule;
  private final Clock clock;
  private final Map<ActorRef<AgentRunner.Command>, Set<Symbol>> hosts = new HashMap<>();
  private final Map<Symbol, Long> base = new HashMap<>();
  private final Set<Symbol> fetching = new HashSet<>();
  private LocalDate day;
  private Boolean killSwitch;
  private AgentRunner.ConnectionNow connection;
  private AgentRunner.DiskNow disk = new AgentRunner.DiskNow(false, "");
  private boolean wasOpen;
  private AccountLimits accountLimits = AccountLimits.NONE;
  private ActorRef<KillSwitch.Command> killSwitchRef;
  private AccountLink link;
  /** Every agent's figures and reservations: this actor is the account's one keeper of them. */
  private AccountBook book = AccountBook.EMPTY;
  /** Whether the account's loss is beyond its limit: the kill switch is engaged on crossing, once. */
  private boolean lossBreached;

  /**
   * @param supervisor whose status decides whether hosts may place orders
   * @param basePrices fetches a symbol's base price from KIS ({@code inquire-price}, {@code stck_sdpr})
   */
  public static Behavior<Command> create(ActorRef<KisSupervisor.Command> supervisor,
      Function<Symbol, CompletionStage<Long>> basePrices, SessionSchedule schedule, Clock clock) {
    return create(supervisor, basePrices, () -> true, schedule, clock, DAY_CHECK);
  }

  /**
   * As above; a base-price fetch is sent only while {@code restFree} (the account's rate limiter
   * has a permit free now), or once it has waited {@link #FETCH_PATIENCE}.
   */
  public static Behavior<Command> create(ActorRef<KisSupervisor.Command> supervisor,
      Function<Symbol, CompletionStage<Long>> basePrices, BooleanSupplier restFree, SessionSchedule schedule,
      Clock clock) {
    return create(supervisor, basePrices, restFree, schedule, clock, DAY_CHECK);
  }

  /** As above, looking at the trading day and the open every {@code dayCheck}. */
  public static Behavior<Command> create(ActorRef<KisSupervisor.Command> supervisor,
      Function<Symbol, CompletionStage<Long>> basePrices, SessionSchedule schedule, Clock clock, Duration dayCheck) {
    return create(supervisor, basePrices, () -> true, schedule, clock, dayCheck);
  }

  private static Behavior<Command> create(ActorRef<KisSupervisor.Command> supervisor,
      Function<Symbol, CompletionStage<Long>> basePrices, BooleanSupplier restFree, SessionSchedule schedule,
      Clock clock, Duration dayCheck) {
    return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> {
      supervisor.tell(new KisSupervisor.WatchStatus(ctx.messageAdapter(KisSupervisor.Status.class, ConnectionNow::new)));
      timers.startTimerWithFixedDelay("day", new DayCheck(), dayCheck);
      return new HostSignals(ctx, timers, basePrices, restFree, schedule, clock).behavior();
    }));
  }

  private HostSignals(ActorContext<Command> ctx, TimerScheduler<Command> timers,
      Function<Symbol, CompletionStage<Long>> basePrices, BooleanSupplier restFree, SessionSchedule schedule,
      Clock clock) {
    this.ctx = ctx;
    this.timers = timers;
    this.basePrices = basePrices;
    this.restFree = restFree;
    this.schedule = schedule;
    this.clock = clock;
    this.day = schedule.tradingDay(clock.instant());
    this.wasOpen = schedule.isOpen(clock.instant());
  }

  private Behavior<Command> behavior() {
    return Behaviors.receive(Command.class)
        .onMessage(Watch.class, this::onWatch)
        .onMessage(KillSwitchNow.class, m -> {
          boolean engaged = m.state().engaged();
          if (killSwitch == null || killSwitch != engaged) {
            killSwitch = engaged;
            // Engaging reaches the hosts through CancelAll (which the kill switch sends after this).
            if (!engaged) {
              tellAll(new AgentRunner.KillSwitchNow(false));
            }
          }
          return Behaviors.same();
        })
        .onMessage(CancelAll.class, m -> {
          killSwitch = true;
          ctx.getLog().warn("kill switch engaged ({}): every agent cancels its working orders", m.request().reason());
          tellAll(new AgentRunner.KillSwitchNow(true));
          return Behaviors.same();
        })
        .onMessage(ConnectionNow.class, m -> {
          ConnectionState s = m.status().state();
          AgentRunner.ConnectionNow c = new AgentRunner.ConnectionNow(s == ConnectionState.LIVE, s.name());
          if (!c.equals(connection)) {
            connection = c;
            tellAll(c);
          }
          return Behaviors.same();
        })
        .onMessage(DiskNow.class, m -> {
          AgentRunner.DiskNow d = new AgentRunner.DiskNow(m.state().low(), m.state().detail());
          if (!d.equals(disk)) {
            disk = d;
            tellAll(d);
          }
          return Behaviors.same();
        })
        .onMessage(BaseFetched.class, this::onBaseFetched)
        .onMessage(UseAccountLimits.class, m -> {
          accountLimits = m.limits();
          killSwitchRef = m.killSwitch();
          // Linked without limits too: the dashboard shows each agent's daily figures from the reports.
          link = new AccountLink(accountLimits, ctx.messageAdapter(AccountLink.Message.class, Reported::new));
          tellAll(new AgentRunner.AccountLinkNow(link));
          tellAll(new AgentRunner.AccountFiguresNow(book.figures()));
          return Behaviors.same();
        })
        .onMessage(GetAccount.class, m -> {
          m.replyTo().tell(new AccountStatus(accountLimits, schedule.tradingDay(clock.instant()), book.figures()));
          return Behaviors.same();
        })
        .onMessage(Reported.class, m -> {
          String agent = m.message() instanceof AccountLink.Report r ? r.agentId()
              : ((AccountLink.Reserve) m.message()).agentId();
          AgentFigures before = book.figures().byAgent().get(agent);
          AgentFigures now;
          if (m.message() instanceof AccountLink.Reserve q) {
            AccountBook.Reserved r = book.reserve(accountLimits, agent, q.mine(), q.claim(), clock.instant());
            book = r.book();
            q.replyTo().tell(AccountLink.Verdict.of(r.denial()));
            now = q.mine();
          } else {
            now = ((AccountLink.Report) m.message()).figures();
            book = book.reported(agent, now);
          }
          checkAccountLoss();
          // A new order or a changed exposure goes out at once;
          // P&L moves with every trade, so mark-only changes are coalesced.
          if (before == null || before.ordersToday() != now.ordersToday() || exposureMoved(before, now)) {
            broadcast();
          } else if (!timers.isTimerActive("broadcast")) {
            timers.startSingleTimer("broadcast", new Broadcast(), BROADCAST_EVERY);
          }
          return Behaviors.same();
        })
        .onMessage(Broadcast.class, m -> {
          broadcast();
          return Behaviors.same();
        })
        .onMessage(Refetch.class, m -> {
          if (!base.containsKey(m.symbol())) {
            fetch(m.symbol());
          }
          return Behaviors.same();
        })
        .onMessage(FetchQueued.class, m -> {
          sendQueued();
          return Behaviors.same();
        })
        .onMessage(HostGone.class, m -> {
          hosts.remove(m.host());
          return Behaviors.same();
        })
        .onMessage(DayCheck.class, m -> {
          LocalDate now = schedule.tradingDay(clock.instant());
          boolean open = schedule.isOpen(clock.instant());
          boolean opened = open && !wasOpen;
          wasOpen = open;
          if (!now.equals(day)) {
            day = now;
            base.clear();
          } else if (!opened) {
            return Behaviors.same();
          }
          hosts.values().stream().flatMap(Set::stream).distinct().forEach(this::fetch);
          return Behaviors.same();
        })
        .build();
  }

  private Behavior<Command> onWatch(Watch m) {
    ActorRef<AgentRunner.Command> h = m.host();
    if (!hosts.containsKey(h)) {
      ctx.watchWith(h, new HostGone(h));
      hosts.put(h, new HashSet<>());
      if (killSwitch != null) {
        h.tell(new AgentRunner.KillSwitchNow(killSwitch));
      }
      if (connection != null) {
        h.tell(connection);
      }
      if (disk.low()) {
        h.tell(disk);
      }
      if (link != null) {
        h.tell(new AgentRunner.AccountLinkNow(link));
        h.tell(new AgentRunner.AccountFiguresNow(book.figures()));
      }
    }
    hosts.get(h).add(m.symbol());
    Long price = base.get(m.symbol());
    if (price != null) {
      h.tell(new AgentRunner.BasePriceNow(m.symbol(), day, price));
    } else {
      fetch(m.symbol());
    }
    return Behaviors.same();
  }

  private void fetch(Symbol symbol) {
    if (!fetching.add(symbol)) {
      return;
    }
    queued.add(symbol, clock.instant());
    sendQueued();
  }

  private void sendQueued() {
    queued.drain(restFree, clock.instant(), this::send);
    if (!queued.isEmpty()) {
      timers.startSingleTimer("fetch-queued", new FetchQueued(), FETCH_POLL);
    }
  }

  /** The day is read when the fetch leaves, not when it was queued: a day roll in between fetches the new day's. */
  private void send(Symbol symbol) {
    LocalDate forDay = day;
    ctx.pipeToSelf(basePrices.apply(symbol),
        (price, failure) -> new BaseFetched(symbol, forDay, price == null ? 0 : price, failure));
  }

  private Behavior<Command> onBaseFetched(BaseFetched m) {
    fetching.remove(m.symbol());
    if (!m.tradingDay().equals(day)) {
      fetch(m.symbol()); // the day rolled while fetching
      return Behaviors.same();
    }
    if (m.failure() != null || m.price() <= 0) {
      ctx.getLog().warn("base price of {} not available ({}); retrying in {}", m.symbol(),
          m.failure() != null ? m.failure().getMessage() : "stck_sdpr " + m.price(), FETCH_RETRY);
      timers.startSingleTimer("retry-" + m.symbol().code(), new Refetch(m.symbol()), FETCH_RETRY);
      return Behaviors.same();
    }
    base.put(m.symbol(), m.price());
    AgentRunner.BasePriceNow b = new AgentRunner.BasePriceNow(m.symbol(), day, m.price());
    hosts.forEach((h, symbols) -> {
      if (symbols.contains(m.symbol())) {
        h.tell(b);
      }
    });
    return Behaviors.same();
  }

  private void broadcast() {
    timers.cancel("broadcast");
    tellAll(new AgentRunner.AccountFiguresNow(book.figures()));
  }

  /** Exposure moves with marks too; only a change of more than 1 % (an order or a fill, mostly) is sent at once. */
  private static boolean exposureMoved(AgentFigures before, AgentFigures now) {
    return Math.abs(now.grossExposure() - before.grossExposure()) * 100 > Math.max(before.grossExposure(), 1);
  }

  /** Engages the kill switch when the account's loss today crosses its limit (again only after it recovered). */
  private void checkAccountLoss() {
    Optional<String> breach = accountLimits.lossBreach(book.figures(), schedule.tradingDay(clock.instant()));
    if (breach.isPresent() && !lossBreached && killSwitchRef != null) {
      ctx.getLog().warn("{}: engaging the kill switch", breach.get());
      ActorRef<StatusReply<KillSwitchState>> ignore = ctx.getSystem().ignoreRef();
      killSwitchRef.tell(new KillSwitch.Engage(breach.get(), AccountLimits.KILL_SWITCH_BY, ignore));
    }
    lossBreached = breach.isPresent();
  }

  private void tellAll(AgentRunner.Command c) {
    hosts.keySet().forEach(h -> h.tell(c));
  }
}
