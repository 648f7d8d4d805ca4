package kis.actors.handle;

import java.util.Optional;
import kis.journal.AgentId;
import kis.journal.Symbol;
import kis.journal.state.AgentState;

/**
 * One agent as the engine shows it.
 *
 * @param journalId the journal its books are the fold of (the configured id unless fresh-started)
 * @param books its books ({@code AgentState.empty} before the first answer)
 * @param running its agent actor runs (false while starting, stopped, or damaged)
 * @param paused its host drops placements ({@link EngineHandle#pause})
 * @param idleReason why it has not traded since its host started, "" while it trades or unknown
 * @param damage why it does not run, when its journal is damaged (found at start, or its recovery gave up)
 * @param recovering its agent is still recovering its journal (not running, not damaged; the idle
 *     reason says how far): it trades once recovered and reconciled
 */
public record AgentView(AgentId configuredId, AgentId journalId, String strategy, Symbol symbol, AgentState books,
    boolean running, boolean paused, String idleReason, Optional<String> damage, boolean recovering) {

  /** Not recovering. */
  public AgentView(AgentId configuredId, AgentId journalId, String strategy, Symbol symbol, AgentState books,
      boolean running, boolean paused, String idleReason, Optional<String> damage) {
    this(configuredId, journalId, strategy, symbol, books, running, paused, idleReason, damage, false);
  }

  public boolean damaged() {
    return damage.isPresent();
  }

  /** Whether {@code id} names this agent (its configured or current journal id). */
  public boolean named(AgentId id) {
    return configuredId.equals(id) || journalId.equals(id);
  }
}
