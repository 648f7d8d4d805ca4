package kis.actors.handle;

import java.util.List;

/**
 * One cluster member.
 *
 * @param accountSingleton the account singleton runs there
 * @param agents the configured ids of the agents it runs
 * @param self the member whose handle answered
 */
public record NodeView(String address, String status, boolean reachable, boolean accountSingleton,
    List<String> agents, boolean self) {}
