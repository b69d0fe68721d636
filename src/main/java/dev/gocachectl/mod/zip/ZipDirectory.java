package dev.gocachectl.mod.zip;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a zip file's central directory, the table Go's {@code archive/zip} (and so {@code
 * dirhash.HashZip} and {@code zip.CheckZip}) uses; local headers are only consulted for the data
 * offset, as in Go, so a crafted zip whose local headers disagree is read the way go reads it.
 *
 * <p>Layout (APPNOTE 6.3): the end-of-central-directory record (signature {@code PK\5\6}, 22 bytes
 * plus a comment of up to 65,535 bytes) at the end gives the entry count, size and offset of the
 * central directory; values saturated to {@code 0xFFFF}/{@code 0xFFFFFFFF} are found in the ZIP64
 * end record ({@code PK\6\6}) that the ZIP64 locator ({@code PK\6\7}, 20 bytes before the end
 * record) points to. Each central record ({@code PK\1\2}, 46 bytes plus name, extra field and
 * comment) gives method, CRC-32, sizes and the local header offset; saturated sizes and offsets are
 * in the ZIP64 extra field (ID 1) in the order uncompressed, compressed, offset.
 */
public final class ZipDirectory {
  static final ValueLayout.OfShort U16 =
      ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
  static final ValueLayout.OfInt U32 =
      ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
  static final ValueLayout.OfLong U64 =
      ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

  private static final int EOCD_SIG = 0x06054b50;
  private static final int ZIP64_LOCATOR_SIG = 0x07064b50;
  private static final int ZIP64_EOCD_SIG = 0x06064b50;
  private static final int CENTRAL_SIG = 0x02014b50;
  private static final int LOCAL_SIG = 0x04034b50;
  private static final String NOT_VALID = "zip: not a valid zip file";

  private ZipDirectory() {}

  /** The entries of the zip held in {@code zip}, in central-directory order. */
  public static List<ZipEntryInfo> read(MemorySegment zip) throws ZipFormatException {
    long size = zip.byteSize();
    long eocd = findEnd(zip);
    long count = u16(zip, eocd + 10);
    long cdSize = u32(zip, eocd + 12);
    long cdOffset = u32(zip, eocd + 16);
    if (count == 0xFFFF || cdSize == 0xFFFFFFFFL || cdOffset == 0xFFFFFFFFL) {
      long loc = eocd - 20;
      if (loc >= 0 && zip.get(U32, loc) == ZIP64_LOCATOR_SIG) {
        long end64 = zip.get(U64, loc + 8);
        if (end64 < 0 || end64 + 56 > size || zip.get(U32, end64) != ZIP64_EOCD_SIG) {
          throw new ZipFormatException(NOT_VALID);
        }
        count = zip.get(U64, end64 + 32);
        cdSize = zip.get(U64, end64 + 40);
        cdOffset = zip.get(U64, end64 + 48);
      }
    }
    if (cdOffset < 0 || cdSize < 0 || cdOffset + cdSize > size || count < 0) {
      throw new ZipFormatException(NOT_VALID);
    }
    List<ZipEntryInfo> entries = new ArrayList<>((int) Math.min(count, 1 << 16));
    long p = cdOffset;
    while (p + 46 <= size && zip.get(U32, p) == CENTRAL_SIG) {
      ZipEntryInfo e = entry(zip, p);
      entries.add(e);
      p += 46 + u16(zip, p + 28) + u16(zip, p + 30) + u16(zip, p + 32);
    }
    if ((entries.size() & 0xFFFF) != (count & 0xFFFF)) {
      throw new ZipFormatException(NOT_VALID);
    }
    return entries;
  }

  /**
   * Refuses, before anything is inflated, a zip built to make its readers inflate far more than it
   * holds: entries whose data (local header, name, extra field and compressed bytes) overlap, as
   * when a hundred central records point at one 100 MiB entry (10 GiB of content from a 100 MiB
   * file), and a total declared content above {@link ZipRules#MAX_ZIP_FILE} (go's {@code
   * modzip.MaxZipFile}, beyond which go never extracts a module zip). Together with {@link
   * ZipEntryReader} never inflating past an entry's declared size, that bounds what one zip costs.
   * Entries whose local header is not where the central directory says are left to {@link
   * ZipEntryReader}, which fails them with go's own message.
   */
  public static void checkLayout(MemorySegment zip, List<ZipEntryInfo> entries)
      throws ZipLayoutException {
    long declared = 0;
    long[][] spans = new long[entries.size()][];
    int n = 0;
    for (int i = 0; i < entries.size(); i++) {
      ZipEntryInfo e = entries.get(i);
      long u = e.uncompressedSize();
      declared = u < 0 || declared > Long.MAX_VALUE - u ? Long.MAX_VALUE : declared + u;
      long h = e.localHeaderOffset();
      if (h < 0 || h + 30 > zip.byteSize() || zip.get(U32, h) != LOCAL_SIG) {
        continue;
      }
      long start = h + 30 + u16(zip, h + 26) + u16(zip, h + 28);
      long c = Math.max(0, e.compressedSize());
      spans[n++] = new long[] {h, start > Long.MAX_VALUE - c ? Long.MAX_VALUE : start + c, i};
    }
    if (declared > ZipRules.MAX_ZIP_FILE) {
      throw new ZipLayoutException(
          "the entries declare "
              + (declared == Long.MAX_VALUE ? "more than 2^63" : String.valueOf(declared))
              + " bytes of content in a "
              + zip.byteSize()
              + "-byte zip, more than go extracts from a module zip ("
              + ZipRules.MAX_ZIP_FILE
              + " bytes); not inflated");
    }
    long[][] sorted = java.util.Arrays.copyOf(spans, n);
    java.util.Arrays.sort(sorted, (a, b) -> Long.compare(a[0], b[0]));
    for (int k = 1; k < sorted.length; k++) {
      if (sorted[k][0] < sorted[k - 1][1]) {
        throw new ZipLayoutException(
            "entries "
                + entries.get((int) sorted[k - 1][2]).name()
                + " and "
                + entries.get((int) sorted[k][2]).name()
                + " share bytes (overlapping local headers at offsets "
                + sorted[k - 1][0]
                + " and "
                + sorted[k][0]
                + "): a zip no go command made; not inflated");
      }
    }
  }

  private static long findEnd(MemorySegment zip) throws ZipFormatException {
    long size = zip.byteSize();
    long stop = Math.max(0, size - 22 - 65535);
    for (long p = size - 22; p >= stop; p--) {
      if (zip.get(U32, p) == EOCD_SIG && p + 22 + u16(zip, p + 20) <= size) {
        return p;
      }
    }
    throw new ZipFormatException(NOT_VALID);
  }

  private static ZipEntryInfo entry(MemorySegment zip, long p) throws ZipFormatException {
    int nameLen = u16(zip, p + 28);
    int extraLen = u16(zip, p + 30);
    if (p + 46 + nameLen + extraLen > zip.byteSize()) {
      throw new ZipFormatException(NOT_VALID);
    }
    byte[] name = zip.asSlice(p + 46, nameLen).toArray(ValueLayout.JAVA_BYTE);
    long compressed = u32(zip, p + 20);
    long uncompressed = u32(zip, p + 24);
    long offset = u32(zip, p + 42);
    long x = p + 46 + nameLen;
    long xEnd = x + extraLen;
    while (x + 4 <= xEnd) {
      int id = u16(zip, x);
      int len = u16(zip, x + 2);
      long d = x + 4;
      if (id == 1) {
        if (uncompressed == 0xFFFFFFFFL && d + 8 <= x + 4 + len) {
          uncompressed = zip.get(U64, d);
          d += 8;
        }
        if (compressed == 0xFFFFFFFFL && d + 8 <= x + 4 + len) {
          compressed = zip.get(U64, d);
          d += 8;
        }
        if (offset == 0xFFFFFFFFL && d + 8 <= x + 4 + len) {
          offset = zip.get(U64, d);
        }
      }
      x += 4 + len;
    }
    return new ZipEntryInfo(
        name,
        u16(zip, p + 8),
        u16(zip, p + 10),
        u32(zip, p + 16),
        compressed,
        uncompressed,
        offset);
  }

  static int u16(MemorySegment m, long at) {
    return Short.toUnsignedInt(m.get(U16, at));
  }

  static long u32(MemorySegment m, long at) {
    return Integer.toUnsignedLong(m.get(U32, at));
  }
}
