package kis.connector.rest;

/** One order-book level: price in won, resting quantity in shares. */
public record PriceLevel(long price, long qty) {}
