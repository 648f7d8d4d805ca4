package kis.connector.rest;

/**
 * Continuation keys {@code CTX_AREA_FK100} / {@code CTX_AREA_NK100}: empty on the first call, then
 * passed back exactly as the previous page returned them (fixed width, space padded).
 */
public record PageKeys(String fk, String nk) {
  public static final PageKeys FIRST = new PageKeys("", "");

  public PageKeys {
    fk = fk == null ? "" : fk;
    nk = nk == null ? "" : nk;
  }

  /** All blank: the server has nothing further to hand out. */
  public boolean blank() {
    return fk.isBlank() && nk.isBlank();
  }
}
