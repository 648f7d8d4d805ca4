package kis.engine.backtest;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The column names {@link CsvMarketData} understands, each mapped to its own name: ours, KIS's
 * field names (as KIS's samples and HTS exports write them) and pykrx's Korean DataFrame columns
 * ({@code get_market_ohlcv}: 날짜 index, 시가, 고가, 저가, 종가, 거래량; investor flows: 외국인합계,
 * 기관합계, 개인). Matching ignores case and surrounding spaces.
 */
final class CsvColumns {
  private static final Map<String, List<String>> ALIASES = new LinkedHashMap<>();

  static {
    ALIASES.put("time", List.of("time", "datetime", "일시"));
    ALIASES.put("date", List.of("date", "날짜", "일자", "영업일자", "stck_bsop_date"));
    ALIASES.put("hour", List.of("hour", "시간", "체결시간", "stck_cntg_hour"));
    ALIASES.put("symbol", List.of("symbol", "code", "ticker", "종목코드", "티커", "단축코드", "pdno"));
    ALIASES.put("open", List.of("open", "시가", "stck_oprc"));
    ALIASES.put("high", List.of("high", "고가", "stck_hgpr"));
    ALIASES.put("low", List.of("low", "저가", "stck_lwpr"));
    // A daily KIS row closes at stck_clpr; a minute row's close is its last price, stck_prpr.
    ALIASES.put("close", List.of("close", "종가", "stck_clpr", "stck_prpr"));
    ALIASES.put("volume", List.of("volume", "거래량", "acml_vol", "cntg_vol"));
    ALIASES.put("price", List.of("price", "체결가"));
    ALIASES.put("quantity", List.of("quantity", "qty", "체결량"));
    ALIASES.put("foreign", List.of("foreign", "외국인", "외국인합계", "frgn_ntby_qty"));
    ALIASES.put("institution", List.of("institution", "기관", "기관합계", "orgn_ntby_qty"));
    ALIASES.put("individual", List.of("individual", "개인", "prsn_ntby_qty"));
  }

  private static final Map<String, String> CANONICAL = new LinkedHashMap<>();

  static {
    ALIASES.forEach((name, aliases) -> aliases.forEach(a -> CANONICAL.put(a, name)));
  }

  private CsvColumns() {}

  /** Our name for header {@code h}, or {@code h} itself (lower-cased) when it is none we know. */
  static String canonical(String h) {
    String k = h.trim().toLowerCase(Locale.ROOT);
    return CANONICAL.getOrDefault(k, k);
  }

  /** One line listing the aliases, for error messages. */
  static String describe() {
    StringBuilder sb = new StringBuilder("also accepted: ");
    ALIASES.forEach((name, aliases) -> {
      if (aliases.size() > 1) {
        sb.append(name).append(" = ").append(String.join("/", aliases.subList(1, aliases.size()))).append("; ");
      }
    });
    return sb.substring(0, sb.length() - 2);
  }
}
