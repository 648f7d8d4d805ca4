package kis.sim;

import java.util.List;

/**
 * KIS continuation paging for account inquiries (shared/kis-api.md §3.3): 100-character,
 * space-padded {@code ctx_area_fk100}/{@code ctx_area_nk100} keys, request header
 * {@code tr_cont: N} for the next page, response header {@code tr_cont} {@code F}/{@code M}
 * (more follows) or {@code D} (last page).
 */
record Paging<T>(List<T> page, int offset, boolean more, String fk100, String nk100) {
  static final String BLANK100 = " ".repeat(100);

  static <T> Paging<T> of(List<T> rows, int pageSize, RestCall call, String cano, String acnt) {
    int offset = 0;
    if (call.trCont().map("N"::equals).orElse(false)) {
      String nk = call.param("CTX_AREA_NK100").trim();
      String[] parts = nk.split("\\^");
      if (parts.length >= 3) {
        try {
          offset = Math.max(0, Math.min(rows.size(), Integer.parseInt(parts[2])));
        } catch (NumberFormatException ignored) {
          offset = 0;
        }
      }
    }
    int end = Math.min(rows.size(), offset + pageSize);
    boolean more = end < rows.size();
    String fk = more ? pad(cano + "^" + acnt + "^N^N^02^01^N^") : BLANK100;
    String nk = more ? pad(cano + "^" + acnt + "^" + end + "^") : BLANK100;
    return new Paging<>(rows.subList(offset, end), offset, more, fk, nk);
  }

  private static String pad(String s) {
    return String.format("%-100s", s);
  }

  /** The response header value. */
  String trCont() {
    if (more) {
      return offset == 0 ? "F" : "M";
    }
    return "D";
  }
}
