package dev.gocachectl.mod.zip;

import java.nio.charset.StandardCharsets;

/**
 * One central-directory record of a zip file: what Go's {@code archive/zip} exposes as a {@code
 * zip.File}.
 *
 * @param rawName the name bytes as stored (Go keeps them as they are; they need not be UTF-8)
 * @param flags the general purpose flags (bit 3: a data descriptor follows the data)
 * @param method 0 (stored) or 8 (deflated); others are not supported by go
 * @param crc32 the CRC-32 of the uncompressed data
 * @param compressedSize bytes of data in the file
 * @param uncompressedSize declared size of the content
 * @param localHeaderOffset where the entry's local header starts
 */
public record ZipEntryInfo(
    byte[] rawName,
    int flags,
    int method,
    long crc32,
    long compressedSize,
    long uncompressedSize,
    long localHeaderOffset) {

  /** The name decoded as UTF-8 (invalid sequences replaced). */
  public String name() {
    return new String(rawName, StandardCharsets.UTF_8);
  }

  /** Whether the name ends in {@code /}: a directory entry. */
  public boolean isDirectory() {
    return rawName.length > 0 && rawName[rawName.length - 1] == '/';
  }

  /** Whether a data descriptor follows the compressed data. */
  public boolean hasDataDescriptor() {
    return (flags & 0x8) != 0;
  }
}
