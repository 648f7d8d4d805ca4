package kis.engine.backtest;

import java.util.Locale;

/** Escaping and number formats shared by the report and the sweep page. */
final class HtmlText {
  private HtmlText() {}

  static String esc(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }

  /** A JSON string literal that is also safe inside a {@code <script>} element. */
  static String jsonString(String s) {
    StringBuilder sb = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '<' -> sb.append("\\u003c");
        case '>' -> sb.append("\\u003e");
        case '&' -> sb.append("\\u0026");
        default -> {
          if (c < 0x20 || c == '\u2028' || c == '\u2029') {
            sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    return sb.append('"').toString();
  }

  /** A JSON number; an undefined figure (NaN, infinite) is {@code null}. */
  static String jsonNumber(double v) {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      return "null";
    }
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : String.format(Locale.ROOT, "%.6g", v);
  }

  /** A figure for the sort key attribute: NaN sorts below everything. */
  static String sortKey(double v) {
    return Double.isNaN(v) ? "-1e308" : String.format(Locale.ROOT, "%.10g", v);
  }

  static String percent(double v) {
    return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%+.2f %%", v * 100);
  }

  static String ratio(double v) {
    return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%.2f", v);
  }

  static String won(long v) {
    return String.format(Locale.ROOT, "%,d", v);
  }

  /** Red for a rise, blue for a fall (Korean convention). */
  static String signClass(double v) {
    return Double.isNaN(v) || v == 0 ? "" : v > 0 ? "up" : "down";
  }

  static final String STYLE = "body{font-family:'Malgun Gothic','Apple SD Gothic Neo',sans-serif;margin:1.5em;color:#222}"
      + "table{border-collapse:collapse;margin-bottom:1em}td,th{padding:3px 10px;border-bottom:1px solid #ddd;"
      + "text-align:right;white-space:nowrap}th{text-align:left;background:#f4f4f4}"
      + "table.sortable th{cursor:pointer}table.sortable th[data-dir=asc]::after{content:' \\25B2'}"
      + "table.sortable th[data-dir=desc]::after{content:' \\25BC'}"
      + ".up,.buy{color:#d7263d}.down,.sell{color:#1f5fd1}.chart{width:100%;height:420px}"
      + ".small{height:260px}.scroll{max-height:480px;overflow:auto}td.l{text-align:left}";

  /** Click a header to sort by that column, again to reverse; cells may carry a data-v sort key. */
  static final String SORTABLE_JS = "document.querySelectorAll('table.sortable').forEach(function(t){"
      + "t.querySelectorAll('thead th').forEach(function(th,col){th.addEventListener('click',function(){"
      + "var body=t.tBodies[0],rows=Array.prototype.slice.call(body.rows),asc=th.dataset.dir!=='asc',"
      + "num=th.dataset.type==='num';t.querySelectorAll('thead th').forEach(function(h){delete h.dataset.dir;});"
      + "th.dataset.dir=asc?'asc':'desc';var key=function(r){var c=r.cells[col];"
      + "var s=c.dataset.v!==undefined?c.dataset.v:c.textContent;return num?parseFloat(s):s;};"
      + "rows.sort(function(a,b){var x=key(a),y=key(b);var d=num?(x<y?-1:x>y?1:0):String(x).localeCompare(String(y));"
      + "return asc?d:-d;});rows.forEach(function(r){body.appendChild(r);});});});});";
}
