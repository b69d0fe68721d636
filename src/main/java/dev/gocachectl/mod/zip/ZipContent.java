package dev.gocachectl.mod.zip;

import dev.gocachectl.cache.Hash;
import dev.gocachectl.mod.DirHash;
import dev.gocachectl.mod.H1;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;

/**
 * What a module zip holds, as {@code dirhash.HashZip} sees it: every central-directory name with
 * the SHA-256 of its content (directory entries included, as empty files), the resulting h1, and
 * the bytes of the module's root {@code go.mod} if there is one.
 *
 * @param entries the central directory
 * @param files name and content hash of every entry, in directory order
 * @param h1 Go's {@code HashZip} of the zip
 * @param goMod the bytes of {@code <prefix>go.mod}, or null when the zip has none
 * @param contentBytes the uncompressed bytes read
 */
public record ZipContent(
    List<ZipEntryInfo> entries, List<DirHash.Entry> files, H1 h1, byte[] goMod, long contentBytes) {

  /**
   * Hashes every entry of a zip.
   *
   * @param zip the zip's bytes
   * @param goModName the name of the root go.mod ({@code path@version/go.mod}), or null
   * @param reader a per-thread reader
   * @param digest a per-thread SHA-256 digest
   * @throws ZipFormatException when Go could not read the zip
   */
  public static ZipContent hash(
      MemorySegment zip, String goModName, ZipEntryReader reader, MessageDigest digest)
      throws ZipFormatException {
    List<ZipEntryInfo> entries = ZipDirectory.read(zip);
    ZipDirectory.checkLayout(zip, entries);
    byte[] goModRaw = goModName == null ? null : goModName.getBytes(StandardCharsets.UTF_8);
    DirHash h = new DirHash();
    byte[] goMod = null;
    long bytes = 0;
    // Go hashes the content of the last entry of each name for every occurrence of the name.
    java.util.Map<String, Hash> lastByName = new java.util.HashMap<>();
    Hash[] hashes = new Hash[entries.size()];
    for (int i = 0; i < entries.size(); i++) {
      ZipEntryInfo e = entries.get(i);
      digest.reset();
      boolean isGoMod = goModRaw != null && Arrays.equals(e.rawName(), goModRaw);
      java.io.ByteArrayOutputStream keep = isGoMod ? new java.io.ByteArrayOutputStream() : null;
      bytes +=
          reader.read(
              zip,
              e,
              (buf, off, len) -> {
                digest.update(buf, off, len);
                if (keep != null) {
                  keep.write(buf, off, len);
                }
              });
      hashes[i] = Hash.finish(digest);
      lastByName.put(latin1(e.rawName()), hashes[i]);
      if (keep != null) {
        goMod = keep.toByteArray();
      }
    }
    for (ZipEntryInfo e : entries) {
      h.add(e.rawName(), lastByName.get(latin1(e.rawName())));
    }
    try {
      return new ZipContent(List.copyOf(entries), h.entries(), h.sum(), goMod, bytes);
    } catch (IllegalArgumentException newlineInName) {
      throw new ZipFormatException(newlineInName.getMessage());
    }
  }

  /** A lossless string key for raw name bytes. */
  private static String latin1(byte[] raw) {
    return new String(raw, StandardCharsets.ISO_8859_1);
  }
}
