package dev.gocachectl.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.gocachectl.explain.ActionKey;
import dev.gocachectl.explain.CauseGroup;
import dev.gocachectl.explain.Explanation;
import dev.gocachectl.explain.Manifest;
import dev.gocachectl.explain.RootCause;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Prints an {@link Explanation}: grouped by root cause for people, every root cause as JSON. */
final class ExplainOutput {
  static final int SHOWN = 6;

  private ExplainOutput() {}

  static void human(Explanation e, String labelA, String labelB, PrintWriter out, boolean all) {
    out.println("A: " + labelA);
    out.println("B: " + labelB);
    out.println();
    Explanation.Totals t = e.totals();
    if (!e.differs()) {
      out.printf(Locale.ROOT, "no differences: all %,d actions have the same IDs%n", t.compared());
    } else {
      out.printf(
          Locale.ROOT,
          "%,d of %,d actions differ: %,d with root causes of their own, %,d rebuilt only because"
              + " of them%n",
          t.differing(),
          t.compared(),
          t.roots(),
          t.downstream());
    }
    for (CauseGroup g : e.groups()) {
      out.println();
      group(g, out, all);
    }
    oneSided("only in A", e.onlyInA(), out, all);
    oneSided("only in B", e.onlyInB(), out, all);
    if (t.unexplained() > 0) {
      out.printf(
          Locale.ROOT,
          "%n%,d actions differ only because they use actions that ran on one side only%n",
          t.unexplained());
    }
    notes(e.notes(), out);
    out.flush();
  }

  private static void group(CauseGroup g, PrintWriter out, boolean all) {
    long pkgs = g.packages();
    int down = g.downstream().size();
    out.printf(
        Locale.ROOT,
        "[%s] %s: %,d package%s, %,d dependent%s rebuilt%n",
        g.cause().category().id(),
        g.cause().headline(),
        pkgs,
        pkgs == 1 ? "" : "s",
        down,
        down == 1 ? "" : "s");
    Map<String, List<ActionKey>> byVia = new LinkedHashMap<>();
    for (RootCause m : g.members()) {
      List<ActionKey> keys = byVia.computeIfAbsent(m.cause().via(), k -> new ArrayList<>());
      if (!keys.contains(m.action())) {
        keys.add(m.action());
      }
    }
    List<String> parts = new ArrayList<>();
    byVia.forEach((via, keys) -> parts.add(list(keys, all) + " (" + via + ")"));
    wrap("    in       ", String.join("; ", parts), out);
    if (down > 0) {
      wrap("    rebuilt  ", list(g.downstream(), all), out);
    }
    wrap("    remedy   ", g.cause().remedy(), out);
  }

  static String list(List<ActionKey> keys, boolean all) {
    int n = all ? keys.size() : Math.min(SHOWN, keys.size());
    List<String> s = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      s.add(keys.get(i).toString());
    }
    String head = String.join(", ", s);
    return keys.size() > n ? head + ", … and " + (keys.size() - n) + " more (-v lists all)" : head;
  }

  private static void oneSided(String label, List<ActionKey> keys, PrintWriter out, boolean all) {
    if (!keys.isEmpty()) {
      out.println();
      wrap(label + ": ", keys.size() + " actions: " + list(keys, all), out);
    }
  }

  static void notes(List<String> notes, PrintWriter out) {
    if (!notes.isEmpty()) {
      out.println();
      out.println("notes:");
      for (String n : notes) {
        wrap("  ", n, out);
      }
    }
  }

  /** Prints {@code text} after {@code prefix}, wrapped at 100 columns under the prefix. */
  static void wrap(String prefix, String text, PrintWriter out) {
    StringBuilder line = new StringBuilder(prefix);
    String indent = " ".repeat(prefix.length());
    for (String word : text.split(" ")) {
      if (line.length() > prefix.length() && line.length() + 1 + word.length() > 100) {
        out.println(line.toString().stripTrailing());
        line = new StringBuilder(indent);
      } else if (line.length() > prefix.length()) {
        line.append(' ');
      }
      line.append(word);
    }
    out.println(line.toString().stripTrailing());
  }

  static void json(Explanation e, String labelA, String labelB, PrintWriter out)
      throws IOException {
    JsonGenerator g = JsonOutput.open(out);
    g.writeStartObject();
    fields(g, e, labelA, labelB);
    g.writeEndObject();
    JsonOutput.close(g, out);
  }

  /** The explanation's fields, into an object the caller opened (compare embeds them). */
  static void fields(JsonGenerator g, Explanation e, String labelA, String labelB)
      throws IOException {
    side(g, "a", labelA, e.a());
    side(g, "b", labelB, e.b());
    g.writeBooleanField("differs", e.differs());
    Explanation.Totals t = e.totals();
    g.writeObjectFieldStart("totals");
    g.writeNumberField("actionsCompared", t.compared());
    g.writeNumberField("equal", t.equal());
    g.writeNumberField("differing", t.differing());
    g.writeNumberField("rootCauseActions", t.roots());
    g.writeNumberField("downstream", t.downstream());
    g.writeNumberField("unexplained", t.unexplained());
    g.writeNumberField("onlyInA", e.onlyInA().size());
    g.writeNumberField("onlyInB", e.onlyInB().size());
    g.writeEndObject();
    g.writeArrayFieldStart("rootCauses");
    for (RootCause rc : e.causes()) {
      ExplainJson.rootCause(g, rc);
    }
    g.writeEndArray();
    g.writeArrayFieldStart("groups");
    for (CauseGroup cg : e.groups()) {
      ExplainJson.group(g, cg);
    }
    g.writeEndArray();
    ExplainJson.keys(g, "onlyInA", e.onlyInA());
    ExplainJson.keys(g, "onlyInB", e.onlyInB());
    ExplainJson.strings(g, "notes", e.notes());
  }

  private static void side(JsonGenerator g, String name, String label, Manifest m)
      throws IOException {
    g.writeObjectFieldStart(name);
    g.writeStringField("label", label);
    g.writeStringField("command", m.commandLine());
    JsonOutput.string(g, "dir", m.dir());
    g.writeStringField("goVersion", m.salt());
    g.writeNumberField("actions", m.actions().size());
    g.writeEndObject();
  }
}
