package dev.gocachectl.doctor;

import java.util.List;
import java.util.Optional;

/**
 * What doctor found on a runner.
 *
 * @param facts what it looked at
 * @param findings worst first
 * @param prog the GOCACHEPROG conformance run, when GOCACHEPROG is set
 * @param millis how long doctor took, go env and the C compiler included
 */
public record DoctorReport(
    RunnerFacts facts, List<Finding> findings, Optional<ProgConformance> prog, long millis) {}
