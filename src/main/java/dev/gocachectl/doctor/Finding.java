package dev.gocachectl.doctor;

/**
 * One condition doctor found on the runner.
 *
 * @param id what was found (stable, documented)
 * @param severity how badly it hurts
 * @param evidence what doctor saw: the variable and its value, the path, the line from go
 * @param effect what it does to the build, in one sentence
 * @param fix what to change
 * @param tradeOff what the fix costs, or what to weigh before applying it
 */
public record Finding(
    FindingId id, Severity severity, String evidence, String effect, String fix, String tradeOff) {}
