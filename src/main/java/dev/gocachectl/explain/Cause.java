package dev.gocachectl.explain;

/**
 * One reason an action's key differs: a category, the setting or file that differs ({@code
 * subject}), its value on each side as shown to people (null when it is absent on that side), the
 * remedy, and how it entered the key ({@code via}: "C flags", "stamped build settings", ...).
 *
 * <p>Causes with equal category, subject and values are one root cause seen in several actions:
 * {@code CGO_CFLAGS} differing in the C flags of cgo packages and in the build settings stamped
 * into main packages is one cause.
 */
public record Cause(
    Category category, String subject, String a, String b, String remedy, String via) {
  /** A cause with the category's own remedy. */
  public static Cause of(Category category, String subject, String a, String b, String via) {
    return new Cause(category, subject, a, b, category.remedy(), via);
  }

  /** What makes two causes the same root cause. */
  public String groupKey() {
    return category.id() + "\u0000" + subject + "\u0000" + a + "\u0000" + b;
  }

  /** {@code CGO_CFLAGS differs (`-I/usr/local/include` vs `-I/usr/include`)}. */
  public String headline() {
    if ("excluded".equals(a) && "compiled".equals(b)) {
      return subject + " is compiled in B only";
    }
    if ("compiled".equals(a) && "excluded".equals(b)) {
      return subject + " is compiled in A only";
    }
    if (a == null) {
      return subject + " only in B" + (b == null || b.isEmpty() ? "" : " (`" + b + "`)");
    }
    if (b == null) {
      return subject + " only in A" + (a.isEmpty() ? "" : " (`" + a + "`)");
    }
    return subject + " differs (`" + a + "` vs `" + b + "`)";
  }
}
