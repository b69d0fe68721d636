package dev.gocachectl.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One value of the config file with the line and column it starts at, so that every later check (a
 * bad cron line, a missing directory) can name where the mistake is. A mapping keeps its keys in
 * file order, each with its own position; a key given twice is a mistake.
 *
 * @param value a {@code Map<String, Field>}, a {@code List<ConfigNode>}, a {@code String}, a {@code
 *     Long}, a {@code Double}, a {@code Boolean}, or null
 */
record ConfigNode(Object value, String text, Path file, int line, int column) {

  /** A key of a mapping, where it is written, and its value. */
  record Field(String key, int line, int column, ConfigNode value) {}

  /** Reads the value the parser is on (its current token), and everything inside it. */
  static ConfigNode read(JsonParser p, Path file) throws IOException {
    JsonLocation at = p.currentTokenLocation();
    int line = at.getLineNr();
    int col = at.getColumnNr();
    JsonToken t = p.currentToken();
    if (t == null) {
      throw new ConfigException(file, 0, 0, "the file is empty: expected a mapping of settings");
    }
    return switch (t) {
      case START_OBJECT -> {
        Map<String, Field> fields = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          JsonLocation k = p.currentTokenLocation();
          String key = p.currentName();
          p.nextToken();
          ConfigNode v = read(p, file);
          if (fields.containsKey(key)) {
            throw new ConfigException(
                file,
                k.getLineNr(),
                k.getColumnNr(),
                "\"" + key + "\" is given twice (first at line " + fields.get(key).line() + ")");
          }
          fields.put(key, new Field(key, k.getLineNr(), k.getColumnNr(), v));
        }
        yield new ConfigNode(fields, null, file, line, col);
      }
      case START_ARRAY -> {
        List<ConfigNode> items = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
          items.add(read(p, file));
        }
        yield new ConfigNode(items, null, file, line, col);
      }
      case VALUE_STRING -> new ConfigNode(p.getText(), p.getText(), file, line, col);
      case VALUE_NUMBER_INT -> new ConfigNode(number(p), p.getText(), file, line, col);
      case VALUE_NUMBER_FLOAT -> new ConfigNode(p.getDoubleValue(), p.getText(), file, line, col);
      case VALUE_TRUE, VALUE_FALSE ->
          new ConfigNode(p.getBooleanValue(), p.getText(), file, line, col);
      case VALUE_NULL -> new ConfigNode(null, p.getText(), file, line, col);
      default -> throw new ConfigException(file, line, col, "unexpected " + t);
    };
  }

  private static Object number(JsonParser p) throws IOException {
    return p.getNumberType() == JsonParser.NumberType.BIG_INTEGER ? p.getText() : p.getLongValue();
  }

  /** A mistake at this value. */
  ConfigException error(String reason) {
    return new ConfigException(file, line, column, reason);
  }

  /** What this value is, in words, for "expected a list, found a number". */
  String describe() {
    return switch (value) {
      case null -> "nothing (null)";
      case Map<?, ?> m -> "a mapping";
      case List<?> l -> "a list";
      case String s -> "the text \"" + s + "\"";
      case Boolean b -> "the boolean " + b;
      default -> "the number " + value;
    };
  }
}
