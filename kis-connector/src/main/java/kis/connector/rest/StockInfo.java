package kis.connector.rest;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code search-stock-info} output (주식기본조회, TR {@code CTPF1002R}, product type {@code 300}:
 * stocks, ETFs, ETNs, ELWs): what KIS knows of one listed product. Only the fields the engine
 * reads are typed; KIS sends about ninety.
 *
 * @param pdno the product code asked for
 * @param prdtName the product's name
 * @param prdtAbrvName its short name
 * @param mketIdCd market id ({@code STK} KOSPI, {@code KSQ} KOSDAQ, …)
 * @param sctyGrpIdCd security group ({@code ST} stock, {@code EF} ETF, …)
 * @param trStopYn {@code Y} while trading is halted
 * @param admnItemYn {@code Y} for an administrative issue (관리종목)
 * @param lstgAbolDt delisting date ({@code yyyyMMdd}), empty while listed
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record StockInfo(
    @JsonProperty("pdno") String pdno,
    @JsonProperty("prdt_name") String prdtName,
    @JsonProperty("prdt_abrv_name") String prdtAbrvName,
    @JsonProperty("mket_id_cd") String mketIdCd,
    @JsonProperty("scty_grp_id_cd") String sctyGrpIdCd,
    @JsonProperty("tr_stop_yn") String trStopYn,
    @JsonProperty("admn_item_yn") String admnItemYn,
    @JsonProperty("lstg_abol_dt") String lstgAbolDt) {

  /** KIS's product type for stocks, ETFs, ETNs and ELWs. */
  public static final String STOCK_PRODUCT_TYPE = "300";
  /** KIS's message for an inquiry with nothing to show (kis-api.md 6.3): the product is unknown. */
  static final String NO_DATA = "조회할 자료가 없습니다";
}
