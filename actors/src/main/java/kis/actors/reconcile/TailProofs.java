package kis.actors.reconcile;

import java.time.LocalDate;
import java.util.Optional;
import kis.journal.AgentId;

/**
 * Lost tails proven by the journal's own high-water mark ({@code journal repair} records them),
 * which an operator's book-back journals as its evidence. A proof is offered only for the trading
 * day of its repair: the account lists that day's orders only, so a repair on a later day cannot
 * speak for the rows a reconcile finds then.
 */
@FunctionalInterface
public interface TailProofs {
  TailProofs NONE = (agent, day) -> Optional.empty();

  /** The proof of {@code agent}'s lost tail, for a book-back of {@code tradingDate}'s account rows. */
  Optional<String> proof(AgentId agent, LocalDate tradingDate);
}
