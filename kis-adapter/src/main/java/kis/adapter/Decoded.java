package kis.adapter;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The result of translating one value across the KIS edge: the typed value, or a refusal with a
 * code and a reason. A code KIS sends (or a domain value KIS cannot take) that the adapter does
 * not know is a refusal, never an exception, so a caller decides what an unknown code means
 * instead of a stack trace deciding for it.
 *
 * @param <T> the translated value
 */
public sealed interface Decoded<T> {

  /** The {@code msg_cd}-style code of every refusal made here; not a KIS code. */
  String UNKNOWN_CODE = "KT-KIS-CODE";

  /** Translated. */
  record Known<T>(T value) implements Decoded<T> {
    public Known {
      Objects.requireNonNull(value, "value");
    }
  }

  /**
   * Not translatable.
   *
   * @param code {@link #UNKNOWN_CODE}
   * @param why what could not be translated, with the offending code
   */
  record Refused<T>(String code, String why) implements Decoded<T> {
    public Refused {
      Objects.requireNonNull(code, "code");
      Objects.requireNonNull(why, "why");
    }
  }

  static <T> Decoded<T> known(T value) {
    return new Known<>(value);
  }

  static <T> Decoded<T> refused(String why) {
    return new Refused<>(UNKNOWN_CODE, why);
  }

  /** The value, if translated. */
  default Optional<T> known() {
    return this instanceof Known<T> k ? Optional.of(k.value()) : Optional.empty();
  }

  /** Translates the value further; a refusal stays the same refusal. */
  default <U> Decoded<U> map(Function<T, U> f) {
    if (this instanceof Known<T> k) {
      return new Known<>(f.apply(k.value()));
    }
    Refused<T> r = (Refused<T>) this;
    return new Refused<>(r.code(), r.why());
  }
}
