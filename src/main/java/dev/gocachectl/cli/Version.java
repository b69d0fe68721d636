package dev.gocachectl.cli;

import picocli.CommandLine.IVersionProvider;

/** The version from the jar manifest, or "dev" when run from classes. */
final class Version implements IVersionProvider {
  static String text() {
    String v = Version.class.getPackage().getImplementationVersion();
    return "gocachectl " + (v == null ? "dev" : v) + " (Java " + Runtime.version() + ")";
  }

  @Override
  public String[] getVersion() {
    return new String[] {text()};
  }
}
