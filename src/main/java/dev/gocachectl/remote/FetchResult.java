package dev.gocachectl.remote;

import java.nio.file.Path;

/** What asking one remote for an action gave. */
public sealed interface FetchResult {
  /**
   * The remote has it: the output's bytes, verified, are in {@code file} (a temporary file); {@code
   * tier} is the index of the tier that had it.
   */
  record Hit(ActionRecord record, Path file, int tier) implements FetchResult {
    Hit withTier(int t) {
      return new Hit(record, file, t);
    }
  }

  /** The remote does not have it. */
  record Miss() implements FetchResult {}

  /** The remote could not be used for this action. */
  record Failed(Failure kind, String message) implements FetchResult {}

  /** Ways a remote lookup fails; none of them fails the build. */
  enum Failure {
    /** The store answered with an error. */
    ERROR("errors"),
    /** The store did not answer in time. */
    TIMEOUT("timeouts"),
    /** The record or the bytes were not what they claim (hash, size, format): never served. */
    VERIFY_FAILED("verifyFailed"),
    /** Unsigned or badly signed, while signatures are required. */
    REJECTED("rejected"),
    /** Not asked: the circuit breaker is open. */
    REFUSED("refused");

    private final String id;

    Failure(String id) {
      this.id = id;
    }

    /** The report's field name. */
    public String id() {
      return id;
    }
  }
}
