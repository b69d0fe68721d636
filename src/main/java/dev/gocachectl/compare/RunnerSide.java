package dev.gocachectl.compare;

import dev.gocachectl.explain.Manifest;
import dev.gocachectl.prog.BuildManifest;

/**
 * One side of a comparison: a runner's last run of a build as prog stored it (its fingerprint and
 * the actions it asked for), and, when {@code explain --save-remote} stored one, that runner's
 * capture of the build (every action's hashed inputs).
 *
 * @param label how the side is named (the runner's name, or the file)
 * @param build the build manifest, or null when there is none (a capture alone)
 * @param capture the explain capture, or null
 */
public record RunnerSide(String label, BuildManifest build, Manifest capture) {}
