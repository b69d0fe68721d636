package dev.gocachectl.config;

/**
 * What a verify job does with what it condemns: {@code none} reports it, {@code remove} deletes it
 * (as {@code gocachectl repair} or {@code mod verify --repair} would) under the directory's lock.
 */
public enum RepairPolicy {
  NONE,
  REMOVE;

  public String id() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  public static RepairPolicy of(String id) {
    return switch (id) {
      case "none" -> NONE;
      case "remove" -> REMOVE;
      default ->
          throw new IllegalArgumentException(
              "unknown repair policy \"" + id + "\" (expected none or remove)");
    };
  }
}
