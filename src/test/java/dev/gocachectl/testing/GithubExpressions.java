package dev.gocachectl.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * GitHub Actions' expression language ({@code ${{ ... }}}), the part generated workflows use:
 * literals ({@code 'text'} with {@code ''} for a quote, numbers, true, false, null), context paths
 * ({@code github.ref}, {@code steps.go.outputs.version}, {@code matrix['x']}), {@code ! == != &&
 * ||} and parentheses, and the functions {@code hashFiles format startsWith endsWith contains
 * success always failure cancelled}. Comparison is case-insensitive on strings, as GitHub's is; a
 * missing property is null, which prints as the empty string.
 *
 * <p>{@code hashFiles} here is a SHA-256 over the SHA-256 of each matching file (sorted by path),
 * GitHub's construction; the exact value matters only within one simulation.
 */
final class GithubExpressions {
  private final Map<String, Object> contexts;
  private final Path workspace;
  private final BooleanSupplier failed;
  private String src;
  private int pos;

  GithubExpressions(Map<String, Object> contexts, Path workspace, BooleanSupplier failed) {
    this.contexts = contexts;
    this.workspace = workspace;
    this.failed = failed;
  }

  /** Replaces every {@code ${{ expr }}} in {@code text} by the expression's value as text. */
  String interpolate(String text) {
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (true) {
      int start = text.indexOf("${{", i);
      if (start < 0) {
        out.append(text, i, text.length());
        return out.toString();
      }
      int end = text.indexOf("}}", start);
      if (end < 0) {
        throw new IllegalArgumentException("unterminated ${{ in: " + text);
      }
      out.append(text, i, start);
      out.append(str(evaluate(text.substring(start + 3, end))));
      i = end + 2;
    }
  }

  /** An {@code if:} condition: with or without {@code ${{ }}}; status functions apply. */
  boolean condition(String cond) {
    if (cond == null || cond.isBlank()) {
      return !failed.getAsBoolean();
    }
    String c = cond.strip();
    if (c.startsWith("${{") && c.endsWith("}}")) {
      c = c.substring(3, c.length() - 2);
    }
    boolean status = c.matches("(?s).*\\b(success|always|failure|cancelled)\\(\\).*");
    boolean v = truthy(evaluate(c));
    return status ? v : v && !failed.getAsBoolean();
  }

  Object evaluate(String expr) {
    String saveSrc = src;
    int savePos = pos;
    src = expr;
    pos = 0;
    try {
      Object v = or();
      skip();
      if (pos != src.length()) {
        throw error("unexpected " + src.substring(pos));
      }
      return v;
    } finally {
      src = saveSrc;
      pos = savePos;
    }
  }

  private Object or() {
    Object v = and();
    while (eat("||")) {
      Object r = and();
      v = truthy(v) ? v : r;
    }
    return v;
  }

  private Object and() {
    Object v = equality();
    while (eat("&&")) {
      Object r = equality();
      v = truthy(v) ? r : v;
    }
    return v;
  }

  private Object equality() {
    Object v = unary();
    if (eat("==")) {
      return same(v, unary());
    }
    if (eat("!=")) {
      return !same(v, unary());
    }
    return v;
  }

  private Object unary() {
    if (peek("!") && !peek("!=")) {
      pos++;
      return !truthy(unary());
    }
    return primary();
  }

  private Object primary() {
    skip();
    if (eat("(")) {
      Object v = or();
      expect(")");
      return v;
    }
    char c = src.charAt(pos);
    if (c == '\'') {
      StringBuilder s = new StringBuilder();
      pos++;
      while (true) {
        if (pos >= src.length()) {
          throw error("unterminated string");
        }
        char d = src.charAt(pos++);
        if (d == '\'') {
          if (pos < src.length() && src.charAt(pos) == '\'') {
            s.append('\'');
            pos++;
          } else {
            return s.toString();
          }
        } else {
          s.append(d);
        }
      }
    }
    if (Character.isDigit(c) || c == '-') {
      int start = pos;
      while (pos < src.length() && (Character.isDigit(src.charAt(pos)) || src.charAt(pos) == '.')) {
        pos++;
      }
      return src.substring(start, pos);
    }
    String name = ident();
    skip();
    if (peek("(")) {
      pos++;
      List<Object> args = new ArrayList<>();
      skip();
      if (!eat(")")) {
        do {
          args.add(or());
        } while (eat(","));
        expect(")");
      }
      return call(name, args);
    }
    switch (name) {
      case "true" -> {
        return true;
      }
      case "false" -> {
        return false;
      }
      case "null" -> {
        return null;
      }
      default -> {}
    }
    Object v = contexts.get(name);
    while (true) {
      if (eat(".")) {
        v = property(v, ident());
      } else if (eat("[")) {
        Object k = or();
        expect("]");
        v = property(v, str(k));
      } else {
        return v;
      }
    }
  }

  private static Object property(Object v, String key) {
    if (v instanceof Map<?, ?> m) {
      return m.get(key);
    }
    return null;
  }

  private Object call(String name, List<Object> args) {
    return switch (name) {
      case "success" -> !failed.getAsBoolean();
      case "always" -> true;
      case "failure" -> failed.getAsBoolean();
      case "cancelled" -> false;
      case "startsWith" -> str(args.get(0)).toLowerCase(Locale.ROOT).startsWith(lower(args.get(1)));
      case "endsWith" -> str(args.get(0)).toLowerCase(Locale.ROOT).endsWith(lower(args.get(1)));
      case "contains" -> str(args.get(0)).toLowerCase(Locale.ROOT).contains(lower(args.get(1)));
      case "format" -> {
        String f = str(args.get(0));
        for (int i = 1; i < args.size(); i++) {
          f = f.replace("{" + (i - 1) + "}", str(args.get(i)));
        }
        yield f;
      }
      case "hashFiles" -> hashFiles(args.stream().map(GithubExpressions::str).toList());
      default -> throw error("unknown function " + name + "()");
    };
  }

  private String hashFiles(List<String> patterns) {
    List<PathMatcher> matchers =
        patterns.stream().map(p -> FileSystems.getDefault().getPathMatcher("glob:" + p)).toList();
    try (var s = Files.walk(workspace)) {
      List<Path> files =
          s.filter(Files::isRegularFile)
              .filter(
                  f -> {
                    Path rel = workspace.relativize(f);
                    // GitHub's ** also matches no directory at all
                    return matchers.stream()
                        .anyMatch(m -> m.matches(rel) || m.matches(Path.of("x").resolve(rel)));
                  })
              .sorted()
              .toList();
      if (files.isEmpty()) {
        return "";
      }
      MessageDigest all = MessageDigest.getInstance("SHA-256");
      for (Path f : files) {
        all.update(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f)));
      }
      return HexFormat.of().formatHex(all.digest());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String lower(Object o) {
    return str(o).toLowerCase(Locale.ROOT);
  }

  private static boolean same(Object a, Object b) {
    if (a == null || b == null) {
      return a == null && b == null;
    }
    return str(a).equalsIgnoreCase(str(b));
  }

  static boolean truthy(Object v) {
    return v != null
        && !(v instanceof Boolean b && !b)
        && !(v instanceof String s && (s.isEmpty() || s.equals("0")));
  }

  static String str(Object v) {
    return v == null ? "" : v.toString();
  }

  private String ident() {
    skip();
    int start = pos;
    while (pos < src.length()
        && (Character.isLetterOrDigit(src.charAt(pos))
            || src.charAt(pos) == '_'
            || src.charAt(pos) == '-'
            || src.charAt(pos) == '*')) {
      pos++;
    }
    if (start == pos) {
      throw error("expected a name");
    }
    return src.substring(start, pos);
  }

  private boolean peek(String s) {
    skip();
    return src.startsWith(s, pos);
  }

  private boolean eat(String s) {
    if (peek(s)) {
      pos += s.length();
      return true;
    }
    return false;
  }

  private void expect(String s) {
    if (!eat(s)) {
      throw error("expected " + s);
    }
  }

  private void skip() {
    while (pos < src.length() && Character.isWhitespace(src.charAt(pos))) {
      pos++;
    }
  }

  private IllegalArgumentException error(String what) {
    return new IllegalArgumentException(what + " at " + pos + " in expression: " + src);
  }
}
