package dev.gocachectl.serve;

import java.util.List;

/** One time series of a {@link Family}: its label values, in the family's label order. */
record Series(Family family, List<String> values) {}
