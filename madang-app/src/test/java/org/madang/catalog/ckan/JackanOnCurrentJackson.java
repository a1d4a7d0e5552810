package org.madang.catalog.ckan;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import eu.trentorise.opendata.jackan.CkanClient;
import java.io.IOException;
import java.lang.reflect.Field;
import java.sql.Timestamp;

/**
 * Lets Jackan 0.4.2 (2016) run on today's Jackson 2. Its {@code JackanModule} names its JSON properties with
 * {@code PropertyNamingStrategy.CAMEL_CASE_TO_LOWER_CASE_WITH_UNDERSCORES}, a constant Jackson removed in 2.12, so
 * its first call fails with {@link NoSuchFieldError} and leaves an unconfigured mapper behind. This installs the mapper
 * {@code CkanClient.configureObjectMapper} would build: unknown properties ignored, snake_case names (the same
 * strategy under its current name) and CKAN timestamps through Jackan's own {@link CkanClient#parseTimestamp} and
 * {@link CkanClient#formatTimestamp}. Everything else (URLs, parameters, envelopes, exceptions) stays Jackan's.
 */
final class JackanOnCurrentJackson {

  private JackanOnCurrentJackson() {}

  static void install() {
    ObjectMapper mapper = new ObjectMapper();
    mapper.configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    mapper.setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
    SimpleModule module = new SimpleModule("jackan-on-current-jackson");
    module.addSerializer(Timestamp.class, new StdSerializer<>(Timestamp.class) {
      @Override
      public void serialize(Timestamp value, JsonGenerator generator, SerializerProvider provider) throws IOException {
        generator.writeString(CkanClient.formatTimestamp(value));
      }
    });
    module.addDeserializer(Timestamp.class, new JsonDeserializer<>() {
      @Override
      public Timestamp deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        if (parser.currentToken() != JsonToken.VALUE_STRING) {
          return null;
        }
        try {
          return CkanClient.parseTimestamp(parser.getText().strip());
        } catch (IllegalArgumentException e) {
          return null; // as Jackan does
        }
      }
    });
    mapper.registerModule(module);
    try {
      Field field = CkanClient.class.getDeclaredField("objectMapper");
      field.setAccessible(true);
      field.set(null, mapper);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("Jackan's CkanClient no longer has the objectMapper field this works around", e);
    }
  }
}
