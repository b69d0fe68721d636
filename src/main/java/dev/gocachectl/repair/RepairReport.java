package dev.gocachectl.repair;

import java.util.List;

/**
 * What a repair removed.
 *
 * @param cacheDir the cache
 * @param dryRun whether nothing was removed
 * @param problems problems verify reported
 * @param removed files removed, action entries first
 * @param recovered problems that were gone by the time repair looked again (a go process rewrote
 *     the file), left alone
 */
public record RepairReport(
    String cacheDir, boolean dryRun, int problems, List<Removal> removed, int recovered) {}
