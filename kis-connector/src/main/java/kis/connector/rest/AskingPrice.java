package kis.connector.rest;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code inquire-asking-price-exp-ccn} (kis-api.md 4.8): the 10-level book ({@code output1}; index 0
 * is the best ask / best bid) and the expected match of a call auction ({@code output2}).
 */
public record AskingPrice(LocalTime time, List<PriceLevel> asks, List<PriceLevel> bids, long totalAskQty,
    long totalBidQty, long expectedPrice, long expectedVolume, long lastPrice) {
  public AskingPrice {
    asks = List.copyOf(asks);
    bids = List.copyOf(bids);
  }

  static AskingPrice from(JsonNode book, JsonNode expected) {
    List<PriceLevel> asks = new ArrayList<>();
    List<PriceLevel> bids = new ArrayList<>();
    for (int i = 1; i <= 10; i++) {
      asks.add(new PriceLevel(num(book, "askp" + i), num(book, "askp_rsqn" + i)));
      bids.add(new PriceLevel(num(book, "bidp" + i), num(book, "bidp_rsqn" + i)));
    }
    return new AskingPrice(
        KisJson.parseTime(book.path("aspr_acpt_hour").asText("")),
        asks, bids,
        num(book, "total_askp_rsqn"), num(book, "total_bidp_rsqn"),
        num(expected, "antc_cnpr"), num(expected, "antc_vol"), num(expected, "stck_prpr"));
  }

  private static long num(JsonNode n, String field) {
    JsonNode v = n.get(field);
    if (v == null) {
      v = n.get(field.toUpperCase(java.util.Locale.ROOT));
    }
    return v == null || v.isNull() ? 0 : KisJson.parseLong(v.asText());
  }
}
