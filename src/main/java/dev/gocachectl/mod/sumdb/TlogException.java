package dev.gocachectl.mod.sumdb;

/**
 * The log's data does not add up, or is not at hand: a tile that does not reproduce the signed root
 * or its parent's entry ("downloaded inconsistent tile"), an index beyond the tree, or a tile that
 * is not available (offline, or not served). Not an I/O error: the data arrived and is wrong, or
 * never arrived.
 */
public final class TlogException extends Exception {
  private static final long serialVersionUID = 1L;
  private final boolean missing;

  public TlogException(String message) {
    this(message, false);
  }

  public TlogException(String message, boolean missing) {
    super(message);
    this.missing = missing;
  }

  /** Whether a tile was not available (as opposed to wrong). */
  public boolean missing() {
    return missing;
  }
}
