package dev.gocachectl.mod.proxy;

import dev.gocachectl.mod.H1;
import java.util.Optional;

/**
 * What a module version's hashes should be, and who says so: go.sum, or the checksum database's
 * signed record; empty when neither knows (the mirrors are then compared with each other).
 *
 * @param zip the zip's h1
 * @param mod the go.mod's h1
 * @param source who says so ({@code go.sum}, {@code sum.golang.org})
 */
public record Reference(Optional<H1> zip, Optional<H1> mod, String source) {
  public static final Reference NONE = new Reference(Optional.empty(), Optional.empty(), "");
}
