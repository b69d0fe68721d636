package dev.gocachectl.mod.verify;

import java.time.Duration;

/**
 * How {@code mod verify} runs.
 *
 * @param jobs hashing threads
 * @param settle leftovers younger than this may belong to a download still running: reported as
 *     {@code download-in-progress}, not as problems
 * @param sumdbName the checksum database whose cached lookups serve as a reference (GOSUMDB's
 *     name), or null for none
 */
public record ModVerifyOptions(int jobs, Duration settle, String sumdbName) {}
