package dev.gocachectl.mod.proxy;

import dev.gocachectl.cache.Hash;
import dev.gocachectl.mod.H1;
import dev.gocachectl.mod.ModuleVersion;
import java.util.List;

/**
 * What one mirror served for one module version, hashed (the bytes themselves are not kept).
 *
 * @param mirror the proxy URL
 * @param module the module version
 * @param info the {@code .info} request
 * @param mod the {@code .mod} request
 * @param zip the {@code .zip} request
 * @param infoVersion the Version in {@code .info}, or null
 * @param infoTime the Time in {@code .info}, or null
 * @param modH1 the h1 of the {@code .mod}, or null
 * @param zipH1 the h1 of the zip's content, or null
 * @param zipSha256 the SHA-256 of the zip's bytes, or null
 * @param zipGoMod the h1 of the zip's go.mod, or null (none, or no zip)
 * @param zipProblems why the zip is not a valid module zip (empty when it is)
 */
public record VersionProbe(
    String mirror,
    ModuleVersion module,
    Fetch info,
    Fetch mod,
    Fetch zip,
    String infoVersion,
    String infoTime,
    H1 modH1,
    H1 zipH1,
    Hash zipSha256,
    H1 zipGoMod,
    List<String> zipProblems) {

  /**
   * One request's outcome.
   *
   * @param url the URL
   * @param status the HTTP status, 0 for a network failure
   * @param message go's description of a failure, or null on 200
   */
  public record Fetch(String url, int status, String message) {
    public boolean ok() {
      return status == 200;
    }

    /** 404 or 410: what a {@code ,} in GOPROXY falls through on. */
    public boolean notFound() {
      return status == 404 || status == 410;
    }
  }
}
