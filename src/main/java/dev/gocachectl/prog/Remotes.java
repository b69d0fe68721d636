package dev.gocachectl.prog;

import dev.gocachectl.remote.RecordSigner;
import dev.gocachectl.remote.RemoteConfig;
import dev.gocachectl.remote.RemoteOptions;
import dev.gocachectl.remote.RemoteTiers;
import dev.gocachectl.remote.stores.RemoteStores;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where a session's remote tiers come from: a fresh set per process for the in-process program
 * (drained and closed at its end), or the daemon's shared set per configuration (clients stay
 * warm). Either way a go command returns only once its uploads are done or the drain timeout has
 * passed: on an ephemeral CI runner, what the last go command built reaches the remote before the
 * machine goes away.
 */
abstract class Remotes {
  /**
   * The tiers for these flags, or null when there is no --remote; {@code env} is the go command's
   * (the stores' credentials come from it).
   */
  abstract RemoteTiers tiersFor(ProgArgs args, Map<String, String> env) throws IOException;

  /**
   * Called at the end of a session, before go is let go; returns how many of the session's uploads
   * are still pending.
   */
  abstract int sessionEnded(RemoteTiers tiers, RemoteTiers.Session... sessions);

  static RemoteConfig config(ProgArgs a) throws IOException {
    RecordSigner signer = a.signKeyFile() == null ? null : RecordSigner.fromFile(a.signKeyFile());
    RecordSigner verifier =
        a.verifyKeyFile() == null ? null : RecordSigner.fromFile(a.verifyKeyFile());
    RemoteOptions o = new RemoteOptions(Duration.ofSeconds(2), a.remoteTimeout(), 1L << 20);
    return new RemoteConfig(
        a.remotes(),
        a.readOnly(),
        signer,
        verifier,
        a.drainTimeout(),
        o,
        a.producer(),
        RemoteConfig.DEFAULT_INLINE_MAX);
  }

  /** The variables the stores read (credentials, settings), in a stable order. */
  private static String storeEnv(Map<String, String> env) {
    var m = new java.util.TreeMap<String, String>();
    env.forEach(
        (k, v) -> {
          if (k.startsWith("AWS_") || k.startsWith("GOCACHECTL_")) {
            m.put(k, v);
          }
        });
    return m.toString();
  }

  /** One process, one go command: open, drain at the end, close. */
  static Remotes perProcess() {
    return new Remotes() {
      @Override
      RemoteTiers tiersFor(ProgArgs args, Map<String, String> env) throws IOException {
        return args.remotes().isEmpty()
            ? null
            : RemoteTiers.open(config(args), env, RemoteStores::open);
      }

      @Override
      int sessionEnded(RemoteTiers tiers, RemoteTiers.Session... sessions) {
        tiers.drain();
        tiers.close();
        return 0; // what did not make it was dropped and counted
      }
    };
  }

  /**
   * The daemon's: one set per configuration, flags and environment (a go command with other
   * credentials gets other clients), kept for every session.
   */
  static Remotes shared() {
    Map<String, RemoteTiers> byConfig = new ConcurrentHashMap<>();
    return new Remotes() {
      @Override
      RemoteTiers tiersFor(ProgArgs args, Map<String, String> env) throws IOException {
        if (args.remotes().isEmpty()) {
          return null;
        }
        String key = args.remoteKey() + "\0" + storeEnv(env);
        RemoteTiers t = byConfig.get(key);
        if (t == null) {
          RemoteTiers fresh = RemoteTiers.open(config(args), env, RemoteStores::open);
          t = byConfig.putIfAbsent(key, fresh);
          if (t == null) {
            t = fresh;
          } else {
            fresh.close();
          }
        }
        return t;
      }

      @Override
      int sessionEnded(RemoteTiers tiers, RemoteTiers.Session... sessions) {
        // the sessions' uploads, not the others'; what is still pending goes on in the background
        // and the daemon drains it before it exits
        return tiers.awaitSession(sessions);
      }
    };
  }
}
