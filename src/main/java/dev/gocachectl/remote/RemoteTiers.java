package dev.gocachectl.remote;

import dev.gocachectl.cache.ActionId;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The remote tiers in order, fastest first, each with its uploader. A lookup asks them in turn and
 * stops at the first verified hit; the tiers above that one missed and get the object uploaded in
 * the background (unless read-only). Shared by every session of a daemon; {@link Session} holds one
 * session's counters.
 */
public final class RemoteTiers implements AutoCloseable {
  private final RemoteConfig config;
  private final List<RemoteTier> tiers;
  private final List<Uploader> uploaders;

  private RemoteTiers(RemoteConfig config, List<RemoteTier> tiers) {
    this.config = config;
    this.tiers = tiers;
    this.uploaders = tiers.stream().map(Uploader::new).toList();
  }

  /** Opens every tier of the config with {@code opener} (clients start in the background). */
  public static RemoteTiers open(
      RemoteConfig config, Map<String, String> env, RemoteStore.Opener opener) {
    List<RemoteTier> t = new ArrayList<>();
    for (String url : config.urls()) {
      t.add(RemoteTier.open(url, config, env, opener));
    }
    return new RemoteTiers(config, List.copyOf(t));
  }

  public RemoteConfig config() {
    return config;
  }

  /** One session's counters, one per tier. */
  public record Session(List<TierStats> stats) {
    public List<TierStats.Snapshot> snapshots() {
      return stats.stream().map(TierStats::snapshot).toList();
    }
  }

  public Session newSession() {
    return new Session(tiers.stream().map(t -> new TierStats()).toList());
  }

  /** The names of the tiers, in order. */
  public List<String> names() {
    return tiers.stream().map(RemoteTier::name).toList();
  }

  /**
   * Asks each tier in turn; returns the first hit (its bytes verified, in a temp file) or null. The
   * whole get, every tier's lookup and download, is bounded by the remote timeout ({@code
   * --remote-timeout}): a tier still working then is a timeout, and the tiers after it are not
   * asked.
   *
   * @throws LocalWriteException if a hit could not be written locally (the tiers below are not
   *     asked: they would fail the same way)
   */
  public FetchResult.Hit fetch(ActionId id, RemoteTier.Temps temps, Session s)
      throws LocalWriteException {
    long deadline = System.nanoTime() + config.options().requestTimeout().toNanos();
    for (int i = 0; i < tiers.size() && System.nanoTime() < deadline; i++) {
      if (tiers.get(i).fetch(id, temps, s.stats().get(i), deadline) instanceof FetchResult.Hit h) {
        return h.withTier(i);
      }
    }
    return null;
  }

  /** Queues uploads of a stored output to every tier (a put), unless read-only. */
  public void uploadAll(ActionId id, ActionRecord rec, Path file, Session s) {
    uploadTo(tiers.size(), id, rec, file, s);
  }

  /** Queues uploads to the tiers above {@code hitTier}, which missed (a backfill). */
  public void uploadTo(int belowTier, ActionId id, ActionRecord rec, Path file, Session s) {
    if (config.readOnly()) {
      return;
    }
    for (int i = 0; i < belowTier; i++) {
      uploaders.get(i).submit(id, rec, file, s.stats().get(i));
    }
  }

  /** Waits up to the drain timeout for queued uploads; returns how many were dropped. */
  public int drain() {
    long deadline = System.nanoTime() + config.drainTimeout().toNanos();
    int dropped = 0;
    for (Uploader u : uploaders) {
      dropped += u.drain(Math.max(0, (deadline - System.nanoTime()) / 1_000_000));
    }
    return dropped;
  }

  /**
   * Waits up to the drain timeout, one deadline for all, for some sessions' uploads, dropping
   * nothing (the daemon's tiers are shared: other sessions' uploads go on). Returns how many of
   * theirs are still pending.
   */
  public int awaitSession(Session... sessions) {
    long deadline = System.nanoTime() + config.drainTimeout().toNanos();
    int pending = 0;
    for (Session s : sessions) {
      for (int i = 0; i < uploaders.size(); i++) {
        long left = Math.max(0, (deadline - System.nanoTime()) / 1_000_000);
        pending += uploaders.get(i).await(s.stats().get(i), left);
      }
    }
    return pending;
  }

  /** The largest output every open store keeps (a tier still opening does not count). */
  public long maxOutputSize() {
    return tiers.stream().mapToLong(RemoteTier::maxOutputSize).min().orElse(Long.MAX_VALUE);
  }

  /** Uploads queued or running now, over all tiers. */
  public int pending() {
    return uploaders.stream().mapToInt(Uploader::pending).sum();
  }

  @Override
  public void close() {
    tiers.forEach(RemoteTier::close);
  }
}
