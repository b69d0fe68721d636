package dev.gocachectl.trim;

import dev.gocachectl.cache.ActionId;
import java.util.List;

/**
 * What a trim did (or, in a dry run, would do).
 *
 * @param cacheDir the cache
 * @param dryRun whether nothing was deleted
 * @param entriesBefore action entries and outputs before
 * @param bytesBefore their bytes
 * @param deletedActions action entries deleted
 * @param deletedOutputs outputs deleted
 * @param deletedTemps stale temporary files of interrupted gocachectl writes deleted
 * @param reclaimed bytes deleted
 * @param skippedMoved files left because they were used (mtime moved) between the scan and the
 *     delete
 * @param protectedBytes bytes kept only because they were used within keep-recent
 * @param bytesAfter bytes left, by this trim's own accounting
 * @param budgetMet whether the size budget (if any) holds afterwards
 * @param removedActionIds the action IDs deleted (for the prog trim journal)
 */
public record TrimReport(
    String cacheDir,
    boolean dryRun,
    long entriesBefore,
    long bytesBefore,
    long deletedActions,
    long deletedOutputs,
    long deletedTemps,
    long reclaimed,
    long skippedMoved,
    long protectedBytes,
    long bytesAfter,
    boolean budgetMet,
    List<ActionId> removedActionIds) {

  /** Action entries and outputs deleted. */
  public long deletedEntries() {
    return deletedActions + deletedOutputs;
  }
}
