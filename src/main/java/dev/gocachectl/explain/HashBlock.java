package dev.gocachectl.explain;

import java.util.ArrayList;
import java.util.List;

/** One hash of a {@code gocachehash} log while it is being read: its name, salt and writes. */
final class HashBlock {
  final String name;
  final long line;
  final List<InputLine> writes = new ArrayList<>();
  String salt;

  HashBlock(String name, long line) {
    this.name = name;
    this.line = line;
  }

  /**
   * What a hash nested in {@code testInputs} was made of: {@code set} or {@code unset} for a
   * variable ({@code getenv} hashes 0, or 1 and the value; the value is never kept), the {@code
   * stat} lines of a file or directory ({@code open}, {@code stat}).
   */
  String detail() {
    if (name.equals("getenv")) {
      boolean unset = !writes.isEmpty() && writes.getFirst().quoted().equals("\"\\x00\"");
      return unset ? "unset" : "set";
    }
    StringBuilder s = new StringBuilder();
    for (InputLine w : writes) {
      s.append(GoQuoted.unquote(w.quoted()));
    }
    return s.toString().strip();
  }
}
