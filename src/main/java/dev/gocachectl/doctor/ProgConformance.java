package dev.gocachectl.doctor;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What doctor's conformance run of a GOCACHEPROG program saw: the program as go splits it, the
 * commands it declared, the time of each exchange (-1 when not reached or not declared), where it
 * keeps outputs, and what was wrong.
 */
public record ProgConformance(
    List<String> command,
    List<String> knownCommands,
    long handshakeMillis,
    long putMillis,
    long getMillis,
    long closeMillis,
    Optional<Path> diskPath,
    List<Finding> findings) {}
