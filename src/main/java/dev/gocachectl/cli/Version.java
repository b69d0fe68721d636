package dev.gocachectl.cli;

import picocli.CommandLine.IVersionProvider;

/** The version from the jar manifest, or "dev" when run from classes. */
final class Version implements IVersionProvider {
  static String text() {
    return "gocachectl " + number() + " (Java " + Runtime.version() + ")";
  }

  /** The version alone: the jar's, or "dev". */
  static String number() {
    String v = Version.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }

  @Override
  public String[] getVersion() {
    return new String[] {text()};
  }
}
