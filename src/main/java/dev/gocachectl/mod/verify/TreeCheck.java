package dev.gocachectl.mod.verify;

import dev.gocachectl.cache.Hash;
import dev.gocachectl.failure.Failure;
import dev.gocachectl.mod.CachedVersion;
import dev.gocachectl.mod.DirHash;
import dev.gocachectl.mod.H1;
import dev.gocachectl.mod.ModCache;
import dev.gocachectl.mod.ModCache.FileKind;
import dev.gocachectl.mod.zip.ZipContent;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The extracted tree against the zip: go's {@code HashDir(dir, path@version)} must equal the {@code
 * .ziphash} ("dir has been modified" otherwise). When the zip is at hand the difference is named
 * file by file; a zip with directory entries can never match its tree (golang/go#53448).
 */
final class TreeCheck {
  private final ModCache cache;
  private final CachedVersion cv;
  private final VersionCheck v;

  TreeCheck(ModCache cache, CachedVersion cv, VersionCheck v) {
    this.cache = cache;
    this.cv = cv;
    this.v = v;
  }

  void run(Hashers h) throws IOException {
    Path dir = cache.extracted(cv.module());
    boolean goChecks = cv.has(FileKind.ZIPHASH);
    String goSays = v.goPrefix() + "dir has been modified (" + dir + ")";
    DirHash tree;
    H1 sum;
    try {
      tree = h.tree.hash(dir, cv.module().toString(), h.bytes::addAndGet);
      sum = tree.sum();
    } catch (TreeHasher.Unhashable | IllegalArgumentException e) {
      String msg = e.getMessage();
      v.add(
          ModFindingKind.TREE_MODIFIED,
          dir,
          "a readable tree",
          "cannot hash: " + msg,
          goChecks ? v.goPrefix() + msg : null);
      return;
    } catch (IOException e) {
      // A file that cannot be read says nothing about its bytes: no finding, so no removal.
      throw new IOException(
          "cannot read the extracted tree of "
              + cv.module()
              + ": "
              + describe(e)
              + "; nothing was judged or removed (fix the permissions or the disk, then run"
              + " again)",
          e);
    }
    H1 ref = v.reference();
    if (ref == null) {
      return;
    }
    if (sum.equals(ref)) {
      v.treeVerified();
      return;
    }
    ZipContent zip = v.zip() == null ? null : v.zip().full(h);
    v.add(
        onlyDirectoryEntries(tree, zip)
            ? ModFindingKind.ZIP_DIRECTORY_ENTRIES
            : ModFindingKind.TREE_MODIFIED,
        dir,
        ref + (v.ziphashValid() ? " (.ziphash)" : " (the zip)"),
        "tree hashes to " + sum + explain(tree, zip),
        goChecks ? goSays : null);
  }

  /**
   * Whether the tree holds exactly the zip's files and the zip also has directory entries: go
   * hashes those and never extracts them (golang/go#53448), so the tree is what go made of the zip
   * and a new download makes the same.
   */
  static boolean onlyDirectoryEntries(DirHash tree, ZipContent zip) {
    return zip != null
        && zip.files().stream().anyMatch(e -> e.nameText().endsWith("/"))
        && explain(tree, zip).contains("golang/go#53448");
  }

  /** Names the files that differ from the zip, when it is present. */
  static String explain(DirHash tree, ZipContent zip) {
    if (zip == null) {
      return "";
    }
    Map<String, Hash> want = new HashMap<>();
    int dirEntries = 0;
    for (DirHash.Entry e : zip.files()) {
      String n = e.nameText();
      if (n.endsWith("/")) {
        dirEntries++;
      } else {
        want.put(n, e.sha256());
      }
    }
    List<String> changed = new ArrayList<>();
    List<String> extra = new ArrayList<>();
    for (DirHash.Entry e : tree.entries()) {
      Hash w = want.remove(e.nameText());
      if (w == null) {
        extra.add(e.nameText());
      } else if (!w.equals(e.sha256())) {
        changed.add(e.nameText());
      }
    }
    List<String> parts = new ArrayList<>();
    list(parts, "modified", changed);
    list(parts, "added", extra);
    list(parts, "missing", new ArrayList<>(want.keySet()).stream().sorted().toList());
    if (parts.isEmpty() && dirEntries > 0) {
      parts.add(
          "same files as the zip, but the zip has "
              + dirEntries
              + " directory entries, which go hashes and never extracts (golang/go#53448):"
              + " go mod verify always fails here and a new download does not help");
    }
    return parts.isEmpty() ? "" : ": " + String.join("; ", parts);
  }

  private static void list(List<String> parts, String what, List<String> names) {
    if (names.isEmpty()) {
      return;
    }
    List<String> sorted = names.stream().sorted().toList();
    String shown = String.join(", ", sorted.subList(0, Math.min(3, sorted.size())));
    parts.add(
        what + " " + shown + (sorted.size() > 3 ? " and " + (sorted.size() - 3) + " more" : ""));
  }

  private static String describe(IOException e) {
    return Failure.of(e).toString();
  }
}
