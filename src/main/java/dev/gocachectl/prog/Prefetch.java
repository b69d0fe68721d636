package dev.gocachectl.prog;

import dev.gocachectl.cache.ActionId;
import dev.gocachectl.cache.Hash;
import dev.gocachectl.cache.OutputId;
import dev.gocachectl.failure.Failure;
import dev.gocachectl.remote.FetchResult;
import dev.gocachectl.remote.LocalWriteException;
import dev.gocachectl.remote.RemoteTiers;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Fetches from the remotes, ahead of go, the actions the last run of the same go command used.
 *
 * <p>go asks for one action at a time per build job (two on a two-core runner), so a build served
 * by a remote 20 ms away waits 20 ms or more per action, in series. When a session starts, this
 * looks up the {@link BuildManifest} stored under the command's {@link BuildKey} and fetches the
 * actions it names, {@code jobs} at a time, into the local tier, in the order go asked for them
 * last time. A get that finds its action already fetched is answered from the local copy; one whose
 * action is being fetched waits for that fetch instead of starting another; one that comes first
 * claims the action, and the prefetch skips it.
 *
 * <p>Everything prefetched goes through the same checks as a get (record, signature, SHA-256,
 * size), so a wrong or hostile manifest costs lookups, never a wrong byte; once half of the first
 * {@value #STALE_AFTER} lookups miss, the manifest is taken as stale and the prefetch stops. At the
 * end of a session that went well the actions go used (its hits and its puts, see {@link #notePut})
 * become the new manifest, uploaded only if they differ from the one found, the remotes are
 * writable and the one found could be read (a remote that failed to answer may hold a good one).
 *
 * <p>The prefetch's lookups count in go's tier counters (gets, hits, misses, latency): they are
 * lookups go would otherwise have made, and a stale manifest shows there as extra misses.
 */
public final class Prefetch {
  /** Lookups before the miss ratio decides whether the manifest is stale. */
  static final int STALE_AFTER = 32;

  /**
   * What the report says about the prefetch; {@code other} when the manifest found was another
   * runner's.
   */
  public record Counts(
      String manifest,
      int listed,
      int fetched,
      int used,
      boolean stale,
      boolean wrote,
      Other other) {
    public Counts(
        String manifest, int listed, int fetched, int used, boolean stale, boolean wrote) {
      this(manifest, listed, fetched, used, stale, wrote, null);
    }
  }

  /**
   * The manifest found was written by another runner: how many of the actions its run used this run
   * did not ask for, and the fingerprint fields that differ ({@link BuildFingerprint#FIELDS}).
   */
  public record Other(String runner, int notAsked, List<String> differ) {
    public Other {
      differ = List.copyOf(differ);
    }
  }

  /** How long finish waits for the fingerprint (probed once per environment, then remembered). */
  private static final long FINGERPRINT_MILLIS = 2_000;

  /**
   * What the prefetch found for one action: {@code hit} (local or fetched), or a miss that is
   * {@code sure} (every tier was asked, as go's own get would have) or not (it failed: ask again).
   */
  private record Looked(LocalTier.Hit hit, boolean sure) {
    static final Looked MISS = new Looked(null, true);
    static final Looked UNKNOWN = new Looked(null, false);
  }

  /** How long finish waits for fetches still running when go is done. */
  private static final long JOIN_MILLIS = 1_000;

  private final Store store;
  private final RemoteTiers tiers;
  private final RemoteTiers.Session quiet; // the manifest's own traffic: not go's gets or puts
  private final long goPid;
  private volatile ActionId key; // read from /proc in the background; null: none
  private final int jobs;
  private final long waitMillis;
  private final PrintStream err;
  private final String runner;
  private volatile CompletableFuture<BuildFingerprint> fingerprint =
      CompletableFuture.completedFuture(BuildFingerprint.EMPTY);
  private volatile Other other;
  private final Map<ActionId, CompletableFuture<Looked>> claims = new ConcurrentHashMap<>();
  private final List<Thread> workers = new CopyOnWriteArrayList<>();
  // go's hits and asked-for puts, in order, then its other puts: the next manifest
  private final Set<ActionId> noted = Collections.synchronizedSet(new LinkedHashSet<>());
  private final Set<ActionId> missedByGo = ConcurrentHashMap.newKeySet();
  private final Set<ActionId> unasked = Collections.synchronizedSet(new LinkedHashSet<>());
  private final Map<ActionId, Integer> fetchedFrom = new ConcurrentHashMap<>(); // not yet used
  private final AtomicInteger next = new AtomicInteger();
  private final AtomicInteger tried = new AtomicInteger();
  private final AtomicInteger missed = new AtomicInteger();
  private final AtomicInteger fetched = new AtomicInteger();
  private final AtomicInteger used = new AtomicInteger();
  private final CompletableFuture<BuildManifest> loaded = new CompletableFuture<>();
  private volatile String manifestState = "none";
  private volatile boolean writeSubmitted;
  private volatile boolean stopped;
  private volatile boolean stale;

  private Prefetch(
      Store store, long goPid, int jobs, long waitMillis, PrintStream err, String runner) {
    this.store = store;
    this.tiers = store.remotes();
    this.quiet = tiers.newSession();
    this.goPid = goPid;
    this.jobs = jobs;
    this.waitMillis = waitMillis;
    this.err = err;
    this.runner = runner;
  }

  /**
   * Starts prefetching for the go command {@code goPid} in the background; null when the store has
   * no remotes or {@code jobs} is 0. The key is read on that background thread too, off go's first
   * requests; without one there is nothing to fetch or store.
   */
  static Prefetch start(
      Store store, long goPid, int jobs, long waitMillis, PrintStream err, String runner) {
    if (!store.hasRemotes() || jobs <= 0) {
      return null;
    }
    Prefetch p = new Prefetch(store, goPid, jobs, waitMillis, err, runner);
    Thread.ofVirtual().name("prefetch").start(p::run);
    return p;
  }

  private void run() {
    BuildManifest m = null;
    try {
      BuildKey.Command c = BuildKey.Command.read(goPid);
      key = c == null ? null : BuildKey.of(c);
      if (key != null) {
        m = load();
        // only finish needs it: its processes (go env, the tools, the C compiler) wait until the
        // manifest's lookup, which everything fetched ahead waits for, is answered
        fingerprint = FingerprintProbe.start(c, store.local().dir());
      }
    } finally {
      loaded.complete(m);
    }
    if (m == null || m.actions().isEmpty()) {
      return;
    }
    List<ActionId> list = m.actions();
    for (int i = 0; i < jobs && !stopped; i++) {
      workers.add(Thread.ofVirtual().name("prefetch-" + i).start(() -> work(list)));
    }
  }

  private BuildManifest load() {
    FetchResult.Hit h;
    try {
      h = tiers.fetch(key, out -> store.newTemp(out), quiet);
    } catch (LocalWriteException e) {
      manifestState = "unavailable"; // the local disk is full: nothing to fetch into, nor to write
      return null;
    }
    if (h == null) {
      boolean unanswered =
          quiet.snapshots().stream().anyMatch(t -> t.errors() + t.timeouts() + t.refused() > 0);
      manifestState = unanswered ? "unavailable" : "none";
      return null;
    }
    try {
      if (h.record().size() > BuildManifest.MAX_BYTES) {
        throw new IllegalArgumentException(
            h.record().size()
                + " bytes, more than a manifest holds ("
                + BuildManifest.MAX_BYTES
                + ")");
      }
      BuildManifest m = BuildManifest.parse(Files.readAllBytes(h.file()));
      manifestState = "found";
      return m;
    } catch (IOException | IllegalArgumentException e) {
      manifestState = "malformed";
      err.println(
          "gocachectl prog: ignoring the build manifest "
              + key.hex()
              + ": "
              + Failure.of(e)
              + " (nothing is fetched ahead; this build stores a new one unless --read-only)");
      return null;
    } finally {
      try {
        Files.deleteIfExists(h.file());
      } catch (IOException e) {
        // a temp file in the local tier: trim takes it
      }
    }
  }

  private void work(List<ActionId> list) {
    for (int i; !stopped && (i = next.getAndIncrement()) < list.size(); ) {
      ActionId id = list.get(i);
      CompletableFuture<Looked> mine = new CompletableFuture<>();
      if (claims.putIfAbsent(id, mine) != null) {
        continue; // go asked first
      }
      Looked looked = Looked.UNKNOWN;
      try {
        if (store.getLocal(id) instanceof LocalTier.Hit here) {
          looked = new Looked(here, true);
        } else {
          LocalTier.Hit h = store.getRemote(id);
          count(h != null);
          if (h != null) {
            fetchedFrom.put(id, h.tier());
          }
          looked = h != null ? new Looked(h, true) : Looked.MISS;
        }
      } catch (IOException | RuntimeException e) {
        count(false);
      } finally {
        mine.complete(looked);
      }
    }
  }

  private void count(boolean hit) {
    if (hit) {
      fetched.incrementAndGet();
    } else {
      missed.incrementAndGet();
    }
    int t = tried.incrementAndGet();
    if (t >= STALE_AFTER && missed.get() * 2 > t && !stale) {
      stale = true;
      stopped = true;
    }
  }

  /**
   * For a local hit: the remote tier it was prefetched from in this session, or -1 (it was there
   * before).
   */
  int tierOf(ActionId id) {
    CompletableFuture<Looked> claim = claims.get(id);
    if (claim != null && !claim.isDone()) {
      await(claim); // fetched and stored, but not yet said where from
    }
    Integer tier = fetchedFrom.remove(id); // once: a second get of it is a local hit
    if (tier == null) {
      return -1;
    }
    used.incrementAndGet();
    return tier;
  }

  /**
   * For a local miss: the prefetched copy if the prefetch has it or is fetching it (waiting for
   * that fetch), else a lookup of the remotes as without a prefetch. Null on a miss, also when the
   * prefetch has just asked every tier and none had it.
   */
  LocalTier.Hit fetch(ActionId id) {
    CompletableFuture<Looked> mine = new CompletableFuture<>();
    CompletableFuture<Looked> theirs = claims.putIfAbsent(id, mine);
    if (theirs == null) {
      LocalTier.Hit h = null;
      try {
        h = store.getRemote(id);
        return h;
      } finally {
        mine.complete(h != null ? new Looked(h, true) : Looked.MISS);
      }
    }
    Looked looked = await(theirs);
    if (looked.hit() != null) {
      if (fetchedFrom.remove(id) != null) {
        used.incrementAndGet();
      }
      return looked.hit();
    }
    if (looked.sure()) {
      return null;
    }
    return store.getRemote(id); // the prefetch failed or is stuck: ask as without it
  }

  private Looked await(CompletableFuture<Looked> claim) {
    try {
      return claim.get(waitMillis, TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      return Looked.UNKNOWN;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Looked.UNKNOWN;
    }
  }

  /** An action go found: it goes into the next manifest. */
  void noteHit(ActionId id) {
    noted.add(id);
  }

  /** An action go asked for and nobody had: if go then puts it, the next run will ask again. */
  void noteMiss(ActionId id) {
    missedByGo.add(id);
  }

  /**
   * An action go stored. One it asked for first is listed in order; the others go to the end of the
   * list: a cold build stores entries a warm one never asks for, and others a warm one asks for
   * without the cold one having asked (in gopls, about 780 and 750 of 1,900), so they are fetched
   * last, after everything known to be needed. The next run's manifest lists exactly what it used.
   */
  void notePut(ActionId id) {
    if (missedByGo.contains(id)) {
      noteHit(id);
    } else {
      unasked.add(id);
    }
  }

  /**
   * Stops the prefetch (waiting a little for fetches still running) and, if the session went well
   * ({@code ok}) and the actions go used differ from the manifest found, stores it locally and
   * queues its uploads in {@link #quiet}: the caller waits for them with go's own ({@link
   * Remotes#sessionEnded}) and then asks for {@link #counts}.
   */
  void finish(boolean ok) {
    stopped = true;
    // no longer than go is willing to wait for the uploads: --drain-timeout 0 waits for nothing
    long join = Math.min(JOIN_MILLIS, tiers.config().drainTimeout().toMillis());
    long deadline = System.nanoTime() + join * 1_000_000;
    for (Thread w : workers) {
      try {
        w.join(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    // a session shorter than the manifest's lookup (go list, a remote slow to open) neither waits
    // for it nor writes one: without knowing the stored one, it would rewrite it every time
    BuildManifest found = loaded.getNow(null);
    boolean known = loaded.isDone() && !manifestState.equals("unavailable");
    if (key == null || !ok || !known) {
      return;
    }
    Set<ActionId> goUsed;
    synchronized (noted) {
      goUsed = new LinkedHashSet<>(noted);
    }
    synchronized (unasked) {
      goUsed.addAll(unasked); // after everything go asked for, once each
    }
    BuildFingerprint fp = awaitFingerprint();
    if (found != null && !found.runner().isEmpty() && !found.runner().equals(runner)) {
      Set<ActionId> asked = new HashSet<>(goUsed);
      asked.addAll(missedByGo);
      compare(found, asked, fp);
    }
    if (tiers.config().readOnly()) {
      return;
    }
    List<ActionId> all = new ArrayList<>(goUsed);
    BuildManifest m = new BuildManifest(all, runner, fp);
    // what the smallest store keeps (Redis: 64 MiB by default; 1 MiB holds about 32,000 actions);
    // the list is in the order go asked, so its head is what matters most
    int fits = m.fitting(tiers.maxOutputSize());
    if (all.size() > fits) {
      m = m.withActions(all.subList(0, fits));
    }
    boolean same =
        found != null
            && found.runner().equals(runner)
            && found.fingerprint().equals(fp)
            && new HashSet<>(found.actions()).equals(new HashSet<>(m.actions()));
    if (!m.actions().isEmpty() && !same) {
      writeSubmitted = write(key, m);
      // this runner's own copies, for gocachectl compare: the build key keeps the last writer's
      write(BuildKey.forRunner(key, runner), m);
      write(BuildKey.latest(runner), m);
    }
  }

  private BuildFingerprint awaitFingerprint() {
    try {
      return fingerprint.get(FINGERPRINT_MILLIS, TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      return BuildFingerprint.EMPTY;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return BuildFingerprint.EMPTY;
    }
  }

  /**
   * Another runner's manifest: counts what its run used that this one did not ask for and says so
   * once on go's standard error when that matters, that is when this run missed something: always
   * when the fingerprints differ (one field explains thousands of misses), and when they are equal
   * only if most of what it lists went unasked (a commit's few changed packages are no news).
   */
  private void compare(BuildManifest found, Set<ActionId> mine, BuildFingerprint fp) {
    int notAsked = 0;
    for (ActionId id : found.actions()) {
      if (!mine.contains(id)) {
        notAsked++;
      }
    }
    List<BuildFingerprint.Difference> diffs = fp.differences(found.fingerprint());
    other =
        new Other(
            found.runner(),
            notAsked,
            diffs.stream().map(BuildFingerprint.Difference::field).toList());
    // a run that missed nothing was served whole: the other run's extra actions (a cold run
    // stores test binaries' parts a warm one never asks for) are no news
    if (missedByGo.isEmpty()
        || notAsked == 0
        || (diffs.isEmpty() && notAsked * 2 <= found.actions().size())) {
      return;
    }
    err.println(message(found, notAsked, diffs, key));
  }

  /** The message of {@link #compare}: one line per differing field, the first saying the count. */
  static String message(
      BuildManifest found, int notAsked, List<BuildFingerprint.Difference> diffs, ActionId key) {
    StringBuilder b =
        new StringBuilder("gocachectl prog: runner ")
            .append(found.runner())
            .append("'s last run of this build used ")
            .append(notAsked)
            .append(" of its ")
            .append(found.actions().size())
            .append(" actions that this run did not ask for; ");
    if (diffs.isEmpty()) {
      b.append(
          "the environments that decide action IDs are equal: the source or the flags on the"
              + " command line changed, or a step is not reproducible");
    } else {
      b.append(diffs.size() == 1 ? "one field differs" : diffs.size() + " fields differ")
          .append(" (here vs ")
          .append(found.runner())
          .append("):");
      for (BuildFingerprint.Difference d : diffs) {
        b.append("\n  ").append(d.line()).append(" [").append(d.category().id()).append(']');
      }
    }
    b.append("\n  details: gocachectl compare --remote URL --key ")
        .append(key.hex())
        .append(" RUNNER ")
        .append(found.runner());
    return b.toString();
  }

  /** The session's prefetch for its report; after {@link #finish} and the uploads' wait. */
  RemoteTiers.Session quiet() {
    return quiet;
  }

  /**
   * What the report says: a new manifest counts as written once one remote took it (a manifest
   * dropped at the drain or too big for every store was not).
   */
  Counts counts() {
    BuildManifest found = loaded.getNow(null);
    boolean wrote = writeSubmitted && quiet.snapshots().stream().anyMatch(t -> t.uploaded() > 0);
    return new Counts(
        manifestState,
        found == null ? 0 : found.actions().size(),
        fetched.get(),
        used.get(),
        stale,
        wrote,
        other);
  }

  private boolean write(ActionId key, BuildManifest m) {
    byte[] bytes = m.encode();
    OutputId out = new OutputId(Hash.sha256(bytes));
    try {
      Path temp = store.newTemp(out);
      Files.write(temp, bytes);
      try {
        store.put(key, out, bytes.length, temp, quiet);
      } finally {
        Files.deleteIfExists(temp);
      }
      return true;
    } catch (IOException e) {
      err.println(
          "gocachectl prog: cannot store the build manifest in "
              + store.local().dir().root()
              + ": "
              + Failure.of(e)
              + " (the next run of this command fetches nothing ahead; is the disk full?)");
      return false;
    }
  }
}
