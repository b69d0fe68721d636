package dev.gocachectl.mod;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a small JSON document (go's {@code -json} output, a GOPROXY {@code .info}) into maps,
 * lists, strings, numbers, booleans and nulls, with jackson-core's streaming parser (no databind).
 */
public final class JsonTree {
  private static final JsonFactory FACTORY = new JsonFactory();

  private JsonTree() {}

  /** Parses one JSON value. */
  public static Object parse(String json) throws IOException {
    try (JsonParser p = FACTORY.createParser(json)) {
      JsonToken t = p.nextToken();
      if (t == null) {
        throw new IOException("empty JSON document");
      }
      return value(p, t);
    }
  }

  /** Parses one JSON value from bytes. */
  public static Object parse(byte[] json) throws IOException {
    try (JsonParser p = FACTORY.createParser(json)) {
      JsonToken t = p.nextToken();
      if (t == null) {
        throw new IOException("empty JSON document");
      }
      return value(p, t);
    }
  }

  private static Object value(JsonParser p, JsonToken t) throws IOException {
    return switch (t) {
      case START_OBJECT -> {
        Map<String, Object> m = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String name = p.currentName();
          m.put(name, value(p, p.nextToken()));
        }
        yield m;
      }
      case START_ARRAY -> {
        List<Object> l = new ArrayList<>();
        for (JsonToken x; (x = p.nextToken()) != JsonToken.END_ARRAY; ) {
          l.add(value(p, x));
        }
        yield l;
      }
      case VALUE_STRING -> p.getText();
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> p.getNumberValue();
      case VALUE_TRUE -> Boolean.TRUE;
      case VALUE_FALSE -> Boolean.FALSE;
      case VALUE_NULL -> null;
      default -> throw new IOException("unexpected JSON token " + t);
    };
  }

  /** {@code obj[key]} as a string, or "" when absent or not a string. */
  public static String string(Object obj, String key) {
    return obj instanceof Map<?, ?> m && m.get(key) instanceof String s ? s : "";
  }

  /** {@code obj[key]} as an object, or null. */
  public static Object field(Object obj, String key) {
    return obj instanceof Map<?, ?> m ? m.get(key) : null;
  }

  /** {@code obj[key]} as a list, or empty. */
  public static List<?> list(Object obj, String key) {
    return obj instanceof Map<?, ?> m && m.get(key) instanceof List<?> l ? l : List.of();
  }
}
