package kis.connector.ws;

import kis.connector.rest.KisJson;

/**
 * The {@code ^}-separated fields of a frame's payload, cut only where read: one pass notes where
 * each field starts, and a field becomes a {@code String} only when a parser asks for it. A trade
 * record has 46 fields of which about 20 are read; splitting the whole payload made a string of
 * every one of them, at every print (tick6's allocation profile: 12-16 % of the engine's). A plain
 * number is read in place, without a string at all.
 */
final class FieldCuts {
  private final String text;
  /** Where field {@code i} starts; {@code starts[size]} is one past the end of the last field's separator. */
  private final int[] starts;
  private final int size;

  private FieldCuts(String text, int[] starts, int size) {
    this.text = text;
    this.starts = starts;
    this.size = size;
  }

  /** The fields of {@code text} from {@code from} on, as {@code text.substring(from).split("\\^", -1)} has them. */
  static FieldCuts of(String text, int from) {
    int n = 1;
    for (int i = text.indexOf('^', from); i >= 0; i = text.indexOf('^', i + 1)) {
      n++;
    }
    int[] starts = new int[n + 1];
    starts[0] = from;
    int k = 1;
    for (int i = text.indexOf('^', from); i >= 0; i = text.indexOf('^', i + 1)) {
      starts[k++] = i + 1;
    }
    starts[n] = text.length() + 1;
    return new FieldCuts(text, starts, n);
  }

  int size() {
    return size;
  }

  /** Record {@code r} of {@code width} fields: fields {@code r * width} to {@code (r + 1) * width - 1}. */
  Fields record(int r, int width) {
    return new Fields(this, r * width, width);
  }

  String field(int i) {
    return text.substring(starts[i], starts[i + 1] - 1);
  }

  /**
   * {@link KisJson#parseLong} of field {@code i}: an optionally signed run of at most 18 digits
   * (no overflow possible) between blanks is read in place; anything else goes through
   * {@code KisJson.parseLong} itself, so odd inputs read (or fail) exactly as they did.
   */
  long number(int i) {
    int from = starts[i];
    int to = starts[i + 1] - 1;
    while (from < to && text.charAt(from) <= ' ') {
      from++;
    }
    while (to > from && text.charAt(to - 1) <= ' ') {
      to--;
    }
    if (from == to) {
      return 0L;
    }
    boolean negative = false;
    int at = from;
    char sign = text.charAt(at);
    if (sign == '+' || sign == '-') {
      negative = sign == '-';
      at++;
    }
    int digits = to - at;
    if (digits < 1 || digits > 18) {
      return KisJson.parseLong(field(i));
    }
    long v = 0;
    for (; at < to; at++) {
      char c = text.charAt(at);
      if (c < '0' || c > '9') {
        return KisJson.parseLong(field(i));
      }
      v = v * 10 + (c - '0');
    }
    return negative ? -v : v;
  }

  /** One record's fields, numbered from 0 within the record. */
  static final class Fields {
    private final FieldCuts cuts;
    private final int base;
    private final int length;

    private Fields(FieldCuts cuts, int base, int length) {
      this.cuts = cuts;
      this.base = base;
      this.length = length;
    }

    int length() {
      return length;
    }

    String get(int i) {
      return cuts.field(index(i));
    }

    long number(int i) {
      return cuts.number(index(i));
    }

    private int index(int i) {
      if (i < 0 || i >= length) {
        throw new ArrayIndexOutOfBoundsException("field " + i + " of a record of " + length);
      }
      return base + i;
    }
  }
}
