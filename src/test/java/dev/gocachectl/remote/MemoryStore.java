package dev.gocachectl.remote;

import dev.gocachectl.cache.ActionId;
import dev.gocachectl.cache.OutputId;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-memory {@link RemoteStore} for the tier's own logic: it implements our interface, not a
 * server's protocol (those are tested against real servers), with switches for the faults the tier
 * must survive. Thread-safe.
 */
final class MemoryStore implements RemoteStore {
  final Map<ActionId, byte[]> actions = new ConcurrentHashMap<>();
  final Map<OutputId, byte[]> outputs = new ConcurrentHashMap<>();
  final AtomicInteger calls = new AtomicInteger();
  final AtomicInteger outputPuts = new AtomicInteger();
  volatile IOException failWith;
  volatile RuntimeException
      failWithUnchecked; // what a client library throws on a reply it did not expect

  /** Records of these actions are written only once their latch opens. */
  final Map<ActionId, java.util.concurrent.CountDownLatch> holds = new ConcurrentHashMap<>();

  @Override
  public String describe() {
    return "memory";
  }

  private void call() throws IOException {
    calls.incrementAndGet();
    if (failWith != null) {
      throw failWith;
    }
    if (failWithUnchecked != null) {
      throw failWithUnchecked;
    }
  }

  @Override
  public byte[] getAction(ActionId id) throws IOException {
    call();
    return actions.get(id);
  }

  @Override
  public void putAction(ActionId id, OutputId output, long size, byte[] record) throws IOException {
    call();
    var hold = holds.get(id);
    if (hold != null) {
      try {
        hold.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new java.io.InterruptedIOException("held put interrupted");
      }
    }
    actions.put(id, record);
  }

  @Override
  public boolean getOutput(OutputId id, long size, OutputStream sink) throws IOException {
    call();
    byte[] b = outputs.get(id);
    if (b == null) {
      return false;
    }
    sink.write(b);
    return true;
  }

  @Override
  public void putOutput(OutputId id, Path file, long size) throws IOException {
    call();
    outputPuts.incrementAndGet();
    outputs.put(id, Files.readAllBytes(file));
  }

  @Override
  public boolean hasOutput(OutputId id) throws IOException {
    call();
    return outputs.containsKey(id);
  }

  @Override
  public void close() {}
}
