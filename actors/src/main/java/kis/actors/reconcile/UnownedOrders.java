package kis.actors.reconcile;

import java.util.List;
import java.util.stream.Collectors;
import kis.adapter.account.AccountOrder;
import kis.journal.Symbol;

/**
 * Today's orders on {@code symbol} that no agent owns, while agents trade that symbol. The user's
 * own trading on other symbols is only informational; here the likelier story is an agent's orders
 * the journal lost (a damaged tail), so the agents are parked and an operator may book the orders
 * back ({@link BookBack}).
 *
 * @param agents the agents that trade the symbol (orders or a position in their books), sorted
 * @param orders the account's rows, in time order
 */
public record UnownedOrders(Symbol symbol, List<String> agents, List<AccountOrder> orders) {
  public UnownedOrders {
    agents = List.copyOf(agents);
    orders = List.copyOf(orders);
  }

  /** Net shares bought minus sold by these orders. */
  public long netFilled() {
    return orders.stream().filter(o -> o.kind() != AccountOrder.Kind.CANCEL)
        .mapToLong(o -> o.side().sign() * o.filledQuantity()).sum();
  }

  /** One line for an operator. */
  public String describe() {
    return symbol.code() + ": " + orders.size() + " KIS order(s) today that no agent owns ("
        + orders.stream().map(o -> o.orderNo().value() + " " + o.side() + " " + o.filledQuantity() + "/"
            + o.orderQuantity()).collect(Collectors.joining(", "))
        + ", net " + netFilled() + " shares) on a symbol traded by " + String.join(", ", agents);
  }
}
