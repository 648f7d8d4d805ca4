package kis.cluster.lease;

import com.typesafe.config.Config;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import org.apache.pekko.actor.Cancellable;
import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.coordination.lease.LeaseException;
import org.apache.pekko.coordination.lease.LeaseSettings;
import org.apache.pekko.coordination.lease.TimeoutSettings;
import org.apache.pekko.coordination.lease.javadsl.Lease;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Pekko {@link Lease} kept in the PostgreSQL database the nodes already share (table
 * {@code cluster_lease}, see {@link LeaseTable}). Pekko creates it through its
 * {@code LeaseProvider} from a config block whose {@code lease-class} names this class (see
 * {@code kis-trader.cluster.lease} in {@code cluster.conf}); the split brain resolver's
 * {@code lease-majority} strategy, the account singleton and each shard of agents use it.
 *
 * <p>Holding: {@link #acquire} takes the row if it is free, expired or already this owner's,
 * until {@code heartbeat-timeout} from the database's now; while held, a heartbeat every
 * {@code heartbeat-interval} pushes the expiry on. Fail safe: the holder counts the lease lost
 * (and calls the lease-lost callback) when the database says it is no longer the owner, or
 * when no renewal has succeeded for {@code heartbeat-timeout - safety-margin} since the last
 * successful one was sent, which is before any other node may see it expire; so a node cut off
 * from the database stops its singleton or shard before another node may start it.
 *
 * <p>{@link #checkLease} answers from memory and never blocks. All database work runs on
 * {@link LeaseDatabase}'s threads; {@code acquire} and {@code release} fail after
 * {@code lease-operation-timeout}. The owner stored is Pekko's owner name (the node's
 * {@code host:port}) plus this actor system's {@linkplain LeaseDatabase#incarnation incarnation}.
 */
public final class PostgresLease extends Lease {
  private static final Logger LOG = LoggerFactory.getLogger(PostgresLease.class);

  private final LeaseSettings settings;
  private final ExtendedActorSystem system;
  private final LeaseDatabase db;
  private final String owner;
  private final Duration ttl;
  private final Duration interval;
  private final Duration operationTimeout;
  private final Duration lostAfter;
  // Guarded by this: the current hold, if any; a new object per acquisition so late answers to an
  // older one are ignored.
  private Holding holding;

  /** Pekko's {@code LeaseProvider} calls this (settings from the lease's config block). */
  public PostgresLease(LeaseSettings settings, ExtendedActorSystem system) {
    this.settings = settings;
    this.system = system;
    this.db = LeaseDatabase.get(system);
    this.owner = settings.ownerName() + "#" + db.incarnation();
    TimeoutSettings t = settings.timeoutSettings();
    this.ttl = t.getHeartbeatTimeout();
    this.interval = t.getHeartbeatInterval();
    this.operationTimeout = t.getOperationTimeout();
    Config c = settings.leaseConfig();
    Duration margin = c.hasPath("safety-margin") ? c.getDuration("safety-margin") : ttl.dividedBy(4);
    this.lostAfter = ttl.minus(margin);
    if (margin.isNegative() || lostAfter.compareTo(interval.multipliedBy(2)) < 0) {
      throw new IllegalArgumentException("lease " + settings.leaseName() + ": heartbeat-timeout (" + ttl
          + ") minus safety-margin (" + margin + ") must leave at least two heartbeat-intervals (" + interval + ")");
    }
  }

  @Override
  public LeaseSettings getSettings() {
    return settings;
  }

  /** The owner as stored in the table. */
  public String owner() {
    return owner;
  }

  @Override
  public CompletionStage<Boolean> acquire() {
    return acquire(reason -> {});
  }

  @Override
  public CompletionStage<Boolean> acquire(Consumer<Optional<Throwable>> leaseLostCallback) {
    long sent = System.nanoTime();
    return db.run("acquiring lease " + name(), operationTimeout,
        c -> LeaseTable.tryAcquire(c, name(), owner, ttl)).thenApply(got -> {
          if (got) {
            held(sent, leaseLostCallback);
          } else {
            Holding h;
            synchronized (this) {
              h = holding;
            }
            if (h != null) {
              lost(h, "another owner took it");
            }
          }
          return got;
        });
  }

  @Override
  public CompletionStage<Boolean> release() {
    Holding h;
    synchronized (this) {
      h = holding;
      holding = null;
    }
    if (h != null) {
      h.stop();
    }
    return db.run("releasing lease " + name(), operationTimeout, c -> {
      LeaseTable.release(c, name(), owner);
      return true;
    });
  }

  @Override
  public boolean checkLease() {
    Holding h;
    synchronized (this) {
      h = holding;
    }
    return h != null && h.fresh();
  }

  private String name() {
    return settings.leaseName();
  }

  private void held(long sent, Consumer<Optional<Throwable>> onLost) {
    Holding h;
    synchronized (this) {
      if (holding != null) {
        // Acquired again while held (Pekko retries after a lost lease): same hold, newer proof.
        holding.confirmed(sent);
        return;
      }
      h = new Holding(sent, onLost);
      holding = h;
    }
    LOG.info("lease {} acquired by {}", name(), owner);
    h.start();
  }

  private void lost(Holding h, String why) {
    synchronized (this) {
      if (holding != h) {
        return;
      }
      holding = null;
    }
    h.stop();
    LOG.warn("lease {} lost by {}: {}", name(), owner, why);
    h.onLost.accept(Optional.of(new LeaseException("lease " + name() + " lost: " + why)));
  }

  /** One acquisition: its heartbeat, its watchdog and the time its last renewal was sent. */
  private final class Holding {
    private final Consumer<Optional<Throwable>> onLost;
    private long confirmedSent;
    private boolean renewing;
    private Cancellable heartbeat;
    private Cancellable watchdog;
    private boolean stopped;

    Holding(long sent, Consumer<Optional<Throwable>> onLost) {
      this.onLost = onLost;
      this.confirmedSent = sent;
    }

    synchronized void start() {
      if (stopped) {
        return;
      }
      heartbeat = system.scheduler().scheduleWithFixedDelay(interval, interval, this::beat, system.dispatcher());
      armWatchdog();
    }

    synchronized void stop() {
      stopped = true;
      if (heartbeat != null) {
        heartbeat.cancel();
      }
      if (watchdog != null) {
        watchdog.cancel();
      }
    }

    synchronized boolean fresh() {
      return !stopped && System.nanoTime() - confirmedSent < lostAfter.toNanos();
    }

    synchronized void confirmed(long sent) {
      if (!stopped && sent - confirmedSent > 0) {
        confirmedSent = sent;
        armWatchdog();
      }
    }

    private void armWatchdog() {
      if (watchdog != null) {
        watchdog.cancel();
      }
      long left = confirmedSent + lostAfter.toNanos() - System.nanoTime();
      watchdog = system.scheduler().scheduleOnce(Duration.ofNanos(Math.max(0, left)), this::expireIfStale,
          system.dispatcher());
    }

    private void expireIfStale() {
      if (!fresh()) {
        lost(this, "not renewed for " + lostAfter.toMillis() + " ms (database unreachable or too slow)");
      }
    }

    private void beat() {
      long sent;
      synchronized (this) {
        if (stopped || renewing) {
          return; // a renewal still in flight (slow database) is not doubled; the watchdog decides
        }
        renewing = true;
        sent = System.nanoTime();
      }
      CompletableFuture<Boolean> renewal = db.run("renewing lease " + name(), operationTimeout,
          c -> LeaseTable.renew(c, name(), owner, ttl));
      renewal.whenComplete((ok, failure) -> {
        synchronized (this) {
          renewing = false;
        }
        if (failure != null) {
          LOG.debug("lease {}: renewal failed: {}", name(), failure.getMessage());
        } else if (ok) {
          confirmed(sent);
        } else {
          lost(this, "the database no longer lists " + owner + " as its unexpired owner");
        }
      });
    }
  }
}
