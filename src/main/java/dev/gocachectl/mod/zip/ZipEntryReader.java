package dev.gocachectl.mod.zip;

import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Streams the content of zip entries the way Go's {@code zip.File.Open} does: stored or deflated
 * data only ({@code zip: unsupported compression algorithm} otherwise), never more than the
 * declared uncompressed size ({@code zip: not a valid zip file}), exactly that size at the end
 * ({@code unexpected EOF}), and the CRC-32 checked against the central directory when a data
 * descriptor follows the data or the recorded CRC is not zero ({@code zip: checksum error}). {@code
 * java.util.zip.ZipFile} does none of this for deflated entries.
 *
 * <p>Directory entries read as empty, as in Go; one with a non-zero declared size fails. One
 * instance per thread: it owns an inflater, a CRC and an output buffer.
 */
public final class ZipEntryReader implements AutoCloseable {
  /** Receives the content in chunks; the array is reused after the call returns. */
  @FunctionalInterface
  public interface Sink {
    void accept(byte[] buf, int off, int len);
  }

  private static final int LOCAL_SIG = 0x04034b50;
  private final Inflater inflater = new Inflater(true);
  private final CRC32 crc = new CRC32();
  private final byte[] out = new byte[1 << 16];

  /** Reads {@code e}'s content from {@code zip} into {@code sink}; returns the byte count. */
  public long read(MemorySegment zip, ZipEntryInfo e, Sink sink) throws ZipFormatException {
    if (e.isDirectory()) {
      if (e.uncompressedSize() != 0) {
        throw new ZipFormatException("zip: not a valid zip file: " + e.name());
      }
      return 0;
    }
    long start = dataOffset(zip, e);
    if (start + e.compressedSize() > zip.byteSize() || e.compressedSize() < 0) {
      throw new ZipFormatException("unexpected EOF: " + e.name());
    }
    MemorySegment data = zip.asSlice(start, e.compressedSize());
    crc.reset();
    long n =
        switch (e.method()) {
          case 0 -> stored(data, e, sink);
          case 8 -> inflated(data, e, sink);
          default ->
              throw new ZipFormatException("zip: unsupported compression algorithm: " + e.name());
        };
    if (n != e.uncompressedSize()) {
      throw new ZipFormatException("unexpected EOF: " + e.name());
    }
    if ((e.hasDataDescriptor() || e.crc32() != 0) && crc.getValue() != e.crc32()) {
      throw new ZipFormatException("zip: checksum error: " + e.name());
    }
    if (e.hasDataDescriptor()) {
      checkDescriptor(zip, start + e.compressedSize(), e);
    }
    return n;
  }

  private long dataOffset(MemorySegment zip, ZipEntryInfo e) throws ZipFormatException {
    long h = e.localHeaderOffset();
    if (h < 0 || h + 30 > zip.byteSize() || zip.get(ZipDirectory.U32, h) != LOCAL_SIG) {
      throw new ZipFormatException("zip: not a valid zip file: " + e.name());
    }
    return h + 30 + ZipDirectory.u16(zip, h + 26) + ZipDirectory.u16(zip, h + 28);
  }

  private long stored(MemorySegment data, ZipEntryInfo e, Sink sink) throws ZipFormatException {
    long total = data.byteSize();
    if (total > e.uncompressedSize()) {
      throw new ZipFormatException("zip: not a valid zip file: " + e.name());
    }
    for (long p = 0; p < total; ) {
      int len = (int) Math.min(out.length, total - p);
      MemorySegment.copy(data, java.lang.foreign.ValueLayout.JAVA_BYTE, p, out, 0, len);
      crc.update(out, 0, len);
      sink.accept(out, 0, len);
      p += len;
    }
    return total;
  }

  private long inflated(MemorySegment data, ZipEntryInfo e, Sink sink) throws ZipFormatException {
    inflater.reset();
    ByteBuffer in = data.asByteBuffer();
    inflater.setInput(in);
    long total = 0;
    int idle = 0;
    try {
      while (!inflater.finished()) {
        int n = inflater.inflate(out);
        if (n == 0) {
          if (inflater.finished()) {
            break;
          }
          if (inflater.needsInput() || inflater.needsDictionary() || ++idle > 2) {
            throw new ZipFormatException("unexpected EOF: " + e.name());
          }
          continue;
        }
        idle = 0;
        total += n;
        if (total > e.uncompressedSize()) {
          throw new ZipFormatException("zip: not a valid zip file: " + e.name());
        }
        crc.update(out, 0, n);
        sink.accept(out, 0, n);
      }
    } catch (DataFormatException ex) {
      throw new ZipFormatException("flate: corrupt input: " + e.name() + ": " + ex.getMessage());
    }
    return total;
  }

  private static void checkDescriptor(MemorySegment zip, long at, ZipEntryInfo e)
      throws ZipFormatException {
    if (at + 4 > zip.byteSize()) {
      throw new ZipFormatException("unexpected EOF: " + e.name());
    }
    long p = at;
    if (zip.get(ZipDirectory.U32, p) == 0x08074b50) {
      p += 4;
    }
    if (p + 4 > zip.byteSize()) {
      throw new ZipFormatException("unexpected EOF: " + e.name());
    }
    if (ZipDirectory.u32(zip, p) != e.crc32()) {
      throw new ZipFormatException("zip: checksum error: " + e.name());
    }
  }

  @Override
  public void close() {
    inflater.end();
  }
}
