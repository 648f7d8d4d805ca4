package kis.engine.dashboard;

/**
 * How much of one limit is used, for the dashboard's limits table.
 *
 * @param key the configuration key (with the symbol for a per-symbol limit, e.g. {@code max-position 005930})
 * @param used how much is used now (a loss counts as positive won)
 * @param limit the limit; 0 when none is set (then only the use is shown)
 * @param unit {@code won}, {@code shares} or {@code orders}
 */
public record LimitUse(String key, long used, long limit, String unit) {}
