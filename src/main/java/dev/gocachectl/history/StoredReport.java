package dev.gocachectl.history;

import dev.gocachectl.prog.BuildReport;
import java.time.Instant;

/** A build report as stored: where it is in the list ({@code cursor}), when it arrived, itself. */
public record StoredReport(Cursor cursor, Instant arrived, BuildReport report) {}
