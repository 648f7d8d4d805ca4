package kis.strategies.event;

import kis.journal.Symbol;

/** Market data for one symbol: a trade, an order-book change, a candle or an investor-flow report. */
public sealed interface MarketEvent extends StrategyEvent permits Trade, OrderBookUpdate, Bar, InvestorFlow {

  Symbol symbol();
}
