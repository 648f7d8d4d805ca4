package kis.engine.dashboard;

import java.util.List;

/**
 * One cluster member as the dashboard lists it (the cluster profile only).
 *
 * @param address the member's address ({@code pekko://kis-trader@host:port})
 * @param status the member's status ({@code Up}, {@code Joining}, {@code Leaving}, …)
 * @param reachable false while some node cannot reach it
 * @param accountSingleton whether the account singleton (supervisor, gateway, reconciler, kill switch) runs there
 * @param agents the agents running there, by configured id
 * @param self whether this is the node serving the page
 */
public record NodeStatus(String address, String status, boolean reachable, boolean accountSingleton,
    List<String> agents, boolean self) {

  public NodeStatus {
    agents = List.copyOf(agents);
  }
}
