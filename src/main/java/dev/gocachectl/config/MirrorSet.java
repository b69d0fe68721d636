package dev.gocachectl.config;

import java.util.List;
import java.util.Map;

/**
 * Module mirrors that {@code mod-mirrors} jobs compare, as {@code gocachectl mod mirrors} does.
 *
 * @param proxies the mirrors' URLs
 * @param goproxy the GOPROXY list whose fallback chain is replayed (null: go's own)
 * @param repository the name of a {@link Repository} whose go.sum lists the versions (null: only
 *     {@code modules})
 * @param modules module versions ({@code path@version}) checked as well
 * @param env go environment variables, over serve's own
 */
public record MirrorSet(
    String name,
    List<String> proxies,
    String goproxy,
    String repository,
    List<String> modules,
    Map<String, String> env) {
  public MirrorSet {
    proxies = List.copyOf(proxies);
    modules = List.copyOf(modules);
    env = Map.copyOf(env);
  }
}
