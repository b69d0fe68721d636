package dev.gocachectl.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.gocachectl.mod.verify.ModFinding;
import dev.gocachectl.mod.verify.ModFindingKind;
import dev.gocachectl.mod.verify.ModRepairer;
import dev.gocachectl.mod.verify.ModVerifyReport;
import dev.gocachectl.units.ByteSize;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Prints a {@link ModVerifyReport} (and what {@code --repair} removed) for people or as JSON. */
final class ModVerifyOutput {
  private ModVerifyOutput() {}

  static void human(ModVerifyReport r, List<ModRepairer.Removal> removed, PrintWriter out) {
    for (ModFinding f : r.findings()) {
      out.println(f.describe());
      if (f.goVerify() != null) {
        out.println("    go mod verify: " + f.goVerify());
      }
    }
    out.println(summary(r));
    if (removed != null) {
      for (ModRepairer.Removal rm : removed) {
        out.println(
            "removed "
                + rm.module()
                + " ("
                + String.join(", ", rm.reasons())
                + "): "
                + rm.removed().size()
                + " files and directories");
      }
      out.println(
          removed.isEmpty()
              ? "nothing to remove"
              : "the next go command downloads the removed module version"
                  + (removed.size() == 1 ? "" : "s")
                  + " again");
    } else if (r.problems().stream().anyMatch(f -> f.kind().isRepairable())) {
      out.println(
          "run 'gocachectl mod verify --repair' to remove the broken module versions; go"
              + " downloads them again");
    }
    if (r.counts().get(ModFindingKind.GOSUM_MISMATCH) > 0) {
      out.println(
          "go.sum and the cache disagree: 'gocachectl mod sumdb "
              + r.moduleDir()
              + "' shows which hashes the checksum database signed");
    }
    out.flush();
  }

  /** {@code verified 12 module versions (10 zips, 9 trees, 3.1 MiB) in 0.2s: 0 problems}. */
  static String summary(ModVerifyReport r) {
    StringBuilder b = new StringBuilder();
    b.append(
        String.format(
            Locale.ROOT,
            "verified %,d module versions (%,d zips, %,d trees, %s hashed) in %.1fs: %d problem%s",
            r.versions(),
            r.zips(),
            r.trees(),
            ByteSize.format(r.bytesHashed()),
            r.elapsed().toNanos() / 1e9,
            r.problems().size(),
            r.problems().size() == 1 ? "" : "s"));
    String sep = " (";
    for (Map.Entry<ModFindingKind, Integer> e : r.counts().entrySet()) {
      if (e.getKey().isProblem() && e.getValue() > 0) {
        b.append(sep).append(e.getValue()).append(' ').append(e.getKey().id());
        sep = ", ";
      }
    }
    if (!sep.equals(" (")) {
      b.append(')');
    }
    if (r.zipsReused() > 0) {
      b.append("; ")
          .append(r.zipsReused())
          .append(" zips unchanged since an earlier clean run, not inflated again");
    }
    int live = r.counts().get(ModFindingKind.DOWNLOAD_IN_PROGRESS);
    if (live > 0) {
      b.append("; ").append(live).append(" download-in-progress");
    }
    if (r.moduleDir() != null && r.notDownloaded() > 0) {
      b.append("; ").append(r.notDownloaded()).append(" go.sum versions not in the cache");
    }
    return b.toString();
  }

  static void json(ModVerifyReport r, List<ModRepairer.Removal> removed, PrintWriter out)
      throws IOException {
    JsonGenerator g = JsonOutput.open(out);
    g.writeStartObject();
    g.writeStringField("modCache", r.modCache().toString());
    JsonOutput.string(g, "moduleDir", r.moduleDir());
    g.writeObjectFieldStart("summary");
    g.writeNumberField("problems", r.problems().size());
    g.writeObjectFieldStart("counts");
    for (Map.Entry<ModFindingKind, Integer> e : r.counts().entrySet()) {
      g.writeNumberField(e.getKey().id(), e.getValue());
    }
    g.writeEndObject();
    g.writeNumberField("versions", r.versions());
    g.writeNumberField("zips", r.zips());
    g.writeNumberField("trees", r.trees());
    g.writeNumberField("bytesHashed", r.bytesHashed());
    g.writeNumberField("zipsReused", r.zipsReused());
    g.writeNumberField("notDownloaded", r.notDownloaded());
    g.writeNumberField("seconds", r.elapsed().toNanos() / 1e9);
    g.writeEndObject();
    g.writeArrayFieldStart("findings");
    for (ModFinding f : r.findings()) {
      g.writeStartObject();
      g.writeStringField("kind", f.kind().id());
      g.writeBooleanField("problem", f.kind().isProblem());
      JsonOutput.string(g, "module", f.module());
      g.writeStringField("path", f.path().toString());
      JsonOutput.string(g, "expected", f.expected());
      g.writeStringField("found", f.found());
      JsonOutput.string(g, "goModVerify", f.goVerify());
      g.writeEndObject();
    }
    g.writeEndArray();
    if (removed != null) {
      g.writeArrayFieldStart("removed");
      for (ModRepairer.Removal rm : removed) {
        g.writeStartObject();
        g.writeStringField("module", rm.module().toString());
        g.writeArrayFieldStart("kinds");
        for (String k : rm.reasons()) {
          g.writeString(k);
        }
        g.writeEndArray();
        g.writeArrayFieldStart("paths");
        for (Path p : rm.removed()) {
          g.writeString(p.toString());
        }
        g.writeEndArray();
        g.writeEndObject();
      }
      g.writeEndArray();
    }
    g.writeEndObject();
    JsonOutput.close(g, out);
  }
}
