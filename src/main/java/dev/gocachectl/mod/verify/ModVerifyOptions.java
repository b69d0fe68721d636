package dev.gocachectl.mod.verify;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How {@code mod verify} runs.
 *
 * @param jobs hashing threads
 * @param settle leftovers younger than this may belong to a download still running: reported as
 *     {@code download-in-progress}, not as problems
 * @param sumdbName the checksum database whose cached lookups serve as a reference (GOSUMDB's
 *     name), or null for none
 * @param verdicts where earlier clean zips are remembered ({@code mod-zip-verdicts}), or null for
 *     nowhere
 * @param rehash whether to inflate every zip even when its bytes are unchanged since a clean run
 */
public record ModVerifyOptions(
    int jobs, Duration settle, String sumdbName, Path verdicts, boolean rehash) {
  /** Options without remembered verdicts (every zip inflated, nothing written). */
  public ModVerifyOptions(int jobs, Duration settle, String sumdbName) {
    this(jobs, settle, sumdbName, null, true);
  }

  /** The default verdicts file for an environment ({@code $XDG_CACHE_HOME} or {@code ~/.cache}). */
  public static Path defaultVerdicts(java.util.Map<String, String> env) {
    return ZipVerdicts.defaultFile(env);
  }
}
