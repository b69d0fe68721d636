package dev.gocachectl.cache;

/**
 * The outcome of reading an action entry: valid, or one of the two ways Go turns it into a miss.
 * The reason strings are Go's own ({@code cache entry not found: <reason>}).
 */
public sealed interface EntryRead {
  /** An entry Go would accept. */
  record Valid(ActionEntry entry) implements EntryRead {}

  /** An entry Go would reject for its format, with Go's reason. */
  record Malformed(String reason) implements EntryRead {}

  /** A well-formed entry whose ID is not the one its file name says ("mismatched ID"). */
  record IdMismatch(ActionId found) implements EntryRead {}

  static EntryRead malformed(String reason) {
    return new Malformed(reason);
  }
}
