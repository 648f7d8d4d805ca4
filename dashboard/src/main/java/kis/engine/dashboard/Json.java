package kis.engine.dashboard;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import kis.journal.Symbol;

/** The dashboard API's JSON: ISO-8601 times, symbols as plain strings, unknown fields ignored. */
public final class Json {
  public static final ObjectMapper MAPPER = create();

  private Json() {}

  private static ObjectMapper create() {
    SimpleModule kis = new SimpleModule("kis-dashboard");
    kis.addSerializer(Symbol.class, new JsonSerializer<>() {
      @Override
      public void serialize(Symbol s, JsonGenerator g, SerializerProvider p) throws IOException {
        g.writeString(s.code());
      }
    });
    kis.addDeserializer(Symbol.class, new JsonDeserializer<>() {
      @Override
      public Symbol deserialize(JsonParser p, DeserializationContext c) throws IOException {
        return Symbol.of(p.getValueAsString());
      }
    });
    return new ObjectMapper()
        .registerModule(new JavaTimeModule())
        .registerModule(kis)
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
  }

  public static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (IOException e) {
      throw new IllegalStateException("cannot write dashboard JSON for " + value.getClass().getSimpleName(), e);
    }
  }
}
