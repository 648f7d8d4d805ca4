package kis.adapter.account;

/**
 * The account's cash as {@code inquire-balance}'s summary reports it, the figures the cash witness
 * compares ({@link CashWitness}).
 *
 * <p>Which cash: KIS settles a trade two business days later (D+2). {@code dnca_tot_amt} (the
 * deposit) and {@code nxdy_excc_amt} (D+1) move only as trades settle, so they lag today's fills by
 * up to two days; {@code prvs_rcdl_excc_amt} (the D+2 projected deposit) already holds every
 * execution up to the inquiry, its fees and its tax. The journals' cash flow also moves at each
 * fill, so the D+2 figure is the like-for-like comparison.
 *
 * @param known whether the reply carried a summary at all (without one, cash is not judged)
 * @param cashD2 {@code prvs_rcdl_excc_amt}
 * @param todayBuyAmount {@code thdt_buy_amt}: won bought today, before costs
 * @param todaySellAmount {@code thdt_sll_amt}: won sold today, before costs
 * @param figures the rest of the summary, as the account panel shows it
 */
public record AccountCash(boolean known, long cashD2, long todayBuyAmount, long todaySellAmount, Figures figures) {
  /** No summary: the cash witness says nothing. */
  public static final AccountCash UNKNOWN = new AccountCash(false, 0, 0, 0, Figures.NONE);

  /**
   * What KIS says the account is worth, for people to read (the cash witness does not judge these).
   *
   * @param deposit {@code dnca_tot_amt}: the settled cash deposit (lags fills by up to two days)
   * @param todayCosts {@code thdt_tlex_amt}: today's fees and taxes
   * @param securitiesValue {@code scts_evlu_amt}: the holdings at KIS's price
   * @param totalValue {@code tot_evlu_amt}: the holdings plus the D+2 cash
   */
  public record Figures(long deposit, long todayCosts, long securitiesValue, long totalValue) {
    public static final Figures NONE = new Figures(0, 0, 0, 0);
  }

  public AccountCash {
    figures = figures == null ? Figures.NONE : figures;
  }

  public static AccountCash of(long cashD2, long todayBuyAmount, long todaySellAmount) {
    return new AccountCash(true, cashD2, todayBuyAmount, todaySellAmount, Figures.NONE);
  }

  /** These figures with the rest of the summary. */
  public AccountCash with(Figures more) {
    return new AccountCash(known, cashD2, todayBuyAmount, todaySellAmount, more);
  }
}
