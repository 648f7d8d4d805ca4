package kis.actors.handle;

import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import kis.actors.live.DiskSpace;
import kis.actors.live.DiskWatch;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.pattern.StatusReply;

/** What both handles share: answer mapping and the node's disk. */
final class Asks {
  /** A control's answer, or a read's. */
  static final Duration ASK = Duration.ofSeconds(5);
  /** A reconciliation or a book-back may wait for a whole run. */
  static final Duration LONG = Duration.ofSeconds(60);

  private Asks() {}

  /** Done with {@code done(value)}, or refused with the error's message. */
  static <T> CompletionStage<ControlOutcome> outcome(CompletionStage<StatusReply<T>> reply,
      Function<T, String> done) {
    return reply.thenApply(r -> r.isSuccess() ? ControlOutcome.done(done.apply(r.getValue()))
        : ControlOutcome.refused(String.valueOf(r.getError().getMessage())));
  }

  /** This node's data-dir space from its {@link DiskWatch}, unknown where none runs. */
  static AccountView.DiskView disk(ActorSystem<?> system) {
    return DiskWatch.get(system).disk().map(d -> {
      DiskSpace.State st = d.state();
      return new AccountView.DiskView(true, st.low(), st.freeBytes(), d.settings().minFreeBytes(), st.since(),
          st.detail());
    }).orElse(AccountView.DiskView.unknown());
  }
}
