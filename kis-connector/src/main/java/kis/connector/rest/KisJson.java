package kis.connector.rest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;

/**
 * The Jackson mapper for KIS bodies. KIS sends every number as a string ({@code "45950"},
 * {@code "-750"}, {@code "22975.0000"}, sometimes {@code ""}), dates as {@code yyyyMMdd} and times
 * as {@code HHmmss}, and spells keys in either case; this mapper turns them into long, BigDecimal,
 * LocalDate and LocalTime, with blank as 0 / null.
 */
public final class KisJson {
  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyyMMdd");
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HHmmss");

  public static final ObjectMapper MAPPER = JsonMapper.builder()
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
      .addModule(module())
      .build();

  private KisJson() {}

  /** Parses a KIS integer string: blank is 0, a zero fraction ({@code "100.00"}) is accepted. */
  public static long parseLong(String s) {
    String t = s == null ? "" : s.trim();
    if (t.isEmpty()) {
      return 0L;
    }
    if (t.startsWith("+")) {
      t = t.substring(1);
    }
    try {
      return Long.parseLong(t);
    } catch (NumberFormatException e) {
      return new BigDecimal(t).setScale(0, RoundingMode.UNNECESSARY).longValueExact();
    }
  }

  /** Parses a KIS decimal string; blank is zero. */
  public static BigDecimal parseDecimal(String s) {
    String t = s == null ? "" : s.trim();
    return t.isEmpty() ? BigDecimal.ZERO : new BigDecimal(t.startsWith("+") ? t.substring(1) : t);
  }

  /** {@code yyyyMMdd}, blank is null. */
  public static LocalDate parseDate(String s) {
    String t = s == null ? "" : s.trim();
    if (t.isEmpty()) {
      return null;
    }
    // Every trade record carries its date and time: read a plain one by hand (the formatter's
    // parse was 5 % of the live feed's garbage), anything else as the pattern reads it.
    int y = digits(t, 0, 4);
    int m = digits(t, 4, 2);
    int d = digits(t, 6, 2);
    if (t.length() == 8 && y >= 1000 && m >= 1 && m <= 12 && d >= 1
        && d <= java.time.Month.of(m).length(java.time.Year.isLeap(y))) {
      return LocalDate.of(y, m, d);
    }
    return LocalDate.parse(t, DATE);
  }

  /** {@code HHmmss}, blank is null. */
  public static LocalTime parseTime(String s) {
    String t = s == null ? "" : s.trim();
    if (t.isEmpty()) {
      return null;
    }
    int h = digits(t, 0, 2);
    int m = digits(t, 2, 2);
    int sec = digits(t, 4, 2);
    if (t.length() == 6 && h >= 0 && h < 24 && m >= 0 && m < 60 && sec >= 0 && sec < 60) {
      return LocalTime.of(h, m, sec);
    }
    return LocalTime.parse(t, TIME);
  }

  /** The decimal number in {@code t}'s {@code n} characters from {@code at}; -1 if any is not an ASCII digit or missing. */
  private static int digits(String t, int at, int n) {
    if (t.length() < at + n) {
      return -1;
    }
    int v = 0;
    for (int i = at; i < at + n; i++) {
      char c = t.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }

  public static String formatDate(LocalDate d) {
    return d.format(DATE);
  }

  public static String formatTime(LocalTime t) {
    return t.format(TIME);
  }

  private static SimpleModule module() {
    SimpleModule m = new SimpleModule("kis-strings");
    m.addDeserializer(long.class, new Text<>(KisJson::parseLong, 0L));
    m.addDeserializer(Long.class, new Text<>(KisJson::parseLong, 0L));
    m.addDeserializer(BigDecimal.class, new Text<>(KisJson::parseDecimal, BigDecimal.ZERO));
    m.addDeserializer(LocalDate.class, new Text<>(KisJson::parseDate, null));
    m.addDeserializer(LocalTime.class, new Text<>(KisJson::parseTime, null));
    m.addDeserializer(String.class, new TrimmedString());
    return m;
  }

  /** Reads any scalar as text and converts it; JSON null is {@code onNull}. */
  private static final class Text<T> extends JsonDeserializer<T> {
    private final java.util.function.Function<String, T> parse;
    private final T onNull;

    Text(java.util.function.Function<String, T> parse, T onNull) {
      this.parse = parse;
      this.onNull = onNull;
    }

    @Override
    public T deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
      if (!p.currentToken().isScalarValue()) {
        return ctx.reportInputMismatch(this, "expected a scalar, got %s", p.currentToken());
      }
      try {
        return parse.apply(p.getValueAsString());
      } catch (RuntimeException e) {
        return ctx.reportInputMismatch(this, "unreadable value for %s", p.currentName());
      }
    }

    @Override
    public T getNullValue(DeserializationContext ctx) {
      return onNull;
    }
  }

  /** KIS right-pads some strings (messages, names, continuation keys are read raw elsewhere). */
  private static final class TrimmedString extends JsonDeserializer<String> {
    @Override
    public String deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
      if (p.currentToken() == JsonToken.VALUE_STRING || p.currentToken().isScalarValue()) {
        return p.getValueAsString().strip();
      }
      return ctx.reportInputMismatch(this, "expected a string, got %s", p.currentToken());
    }
  }
}
