package dev.gocachectl.testing;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Builds zip files for tests, writing the format by hand so that anything goes: module zips (every
 * name {@code path@version/...}, as Go's {@code zip.Create} writes them) and broken ones (directory
 * entries, duplicate names, names of any kind, entries stored instead of deflated). Local header,
 * data, then the central directory and the end record (APPNOTE 4.3); no data descriptors.
 */
public final class ZipBuilder {
  private record Item(byte[] name, byte[] data, boolean stored) {}

  private final List<Item> items = new ArrayList<>();
  private boolean storeAll;

  /** Adds a file. */
  public ZipBuilder file(String name, String content) {
    return file(name, content.getBytes(StandardCharsets.UTF_8));
  }

  /** Adds a file with raw bytes. */
  public ZipBuilder file(String name, byte[] content) {
    items.add(new Item(name.getBytes(StandardCharsets.UTF_8), content, false));
    return this;
  }

  /** Adds a directory entry ({@code name} ends in {@code /}). */
  public ZipBuilder dir(String name) {
    items.add(new Item(name.getBytes(StandardCharsets.UTF_8), new byte[0], true));
    return this;
  }

  /** Stores every entry uncompressed (different bytes, same content). */
  public ZipBuilder stored() {
    storeAll = true;
    return this;
  }

  /** The zip's bytes. */
  public byte[] build() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream central = new ByteArrayOutputStream();
    for (Item it : items) {
      boolean store = storeAll || it.stored();
      byte[] body = store ? it.data() : deflate(it.data());
      CRC32 crc = new CRC32();
      crc.update(it.data());
      int offset = out.size();
      ByteBuffer local = le(30 + it.name().length);
      local.putInt(0x04034b50).putShort((short) 20).putShort((short) 0x800);
      common(local, store, crc.getValue(), body.length, it.data().length, it.name().length);
      local.putShort((short) 0).put(it.name());
      out.writeBytes(local.array());
      out.writeBytes(body);
      ByteBuffer c = le(46 + it.name().length);
      c.putInt(0x02014b50).putShort((short) 20).putShort((short) 20).putShort((short) 0x800);
      common(c, store, crc.getValue(), body.length, it.data().length, it.name().length);
      c.putShort((short) 0).putShort((short) 0).putShort((short) 0).putShort((short) 0);
      c.putInt(it.name()[it.name().length - 1] == '/' ? 0x10 : 0).putInt(offset).put(it.name());
      central.writeBytes(c.array());
    }
    int cdOffset = out.size();
    out.writeBytes(central.toByteArray());
    ByteBuffer end = le(22);
    end.putInt(0x06054b50).putShort((short) 0).putShort((short) 0);
    end.putShort((short) items.size()).putShort((short) items.size());
    end.putInt(central.size()).putInt(cdOffset).putShort((short) 0);
    out.writeBytes(end.array());
    return out.toByteArray();
  }

  /** Method, time, date, CRC, sizes and name length: the fields both headers share. */
  private static void common(ByteBuffer b, boolean store, long crc, int csize, int size, int nlen) {
    b.putShort((short) (store ? 0 : 8)).putShort((short) 0).putShort((short) 0x21);
    b.putInt((int) crc).putInt(csize).putInt(size).putShort((short) nlen);
  }

  private static ByteBuffer le(int n) {
    return ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
  }

  private static byte[] deflate(byte[] data) {
    Deflater d = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
    d.setInput(data);
    d.finish();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[8192];
    while (!d.finished()) {
      out.write(buf, 0, d.deflate(buf));
    }
    d.end();
    return out.toByteArray();
  }
}
