package dev.gocachectl.cli;

import java.io.PrintWriter;
import java.time.Clock;
import java.util.Map;

/**
 * Everything a command takes from the outside world, injected so that tests run commands in-process
 * against captured streams.
 *
 * @param out standard output
 * @param err standard error (diagnostics, progress)
 * @param env the environment
 * @param clock the time
 * @param interactive whether a person is watching a terminal (progress bars)
 */
public record Context(
    PrintWriter out, PrintWriter err, Map<String, String> env, Clock clock, boolean interactive) {}
