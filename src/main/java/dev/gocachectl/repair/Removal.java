package dev.gocachectl.repair;

import dev.gocachectl.verify.FindingKind;
import java.nio.file.Path;

/**
 * One file repair removed (or, in a dry run, would remove).
 *
 * @param path the file
 * @param kind the problem that condemned it
 * @param why a sentence for the user
 */
public record Removal(Path path, FindingKind kind, String why) {}
