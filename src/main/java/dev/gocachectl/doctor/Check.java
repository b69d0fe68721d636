package dev.gocachectl.doctor;

import java.io.IOException;
import java.util.List;

/** One family of checks: reads the facts (and, where it must, the disk) and names what it finds. */
interface Check {
  List<Finding> check(RunnerFacts facts) throws IOException;
}
