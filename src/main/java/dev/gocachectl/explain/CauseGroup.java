package dev.gocachectl.explain;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One root cause as people read it: the same cause found in several actions ({@code CGO_CFLAGS}
 * differs in three cgo packages and one main package), with everything rebuilt because of it.
 *
 * @param cause the cause (its remedy applies to all)
 * @param members the cause in each action whose own inputs show it
 * @param downstream the other actions that differ only because of these
 */
public record CauseGroup(Cause cause, List<RootCause> members, List<ActionKey> downstream) {
  public CauseGroup {
    members = List.copyOf(members);
    downstream = List.copyOf(downstream);
  }

  /** The actions whose own inputs show the cause. */
  public List<ActionKey> roots() {
    Set<ActionKey> s = new LinkedHashSet<>();
    members.forEach(m -> s.add(m.action()));
    return List.copyOf(s);
  }

  /** Distinct packages among the roots. */
  public long packages() {
    return roots().stream().map(ActionKey::pkg).distinct().count();
  }
}
