package dev.gocachectl.testing;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A real Redis Cluster of three masters (no replicas) on free loopback ports: three {@code
 * redis-server --cluster-enabled yes} processes, joined by {@code redis-cli --cluster create}, and
 * waited for until every node reports {@code cluster_state:ok}.
 */
public final class RedisCluster implements AutoCloseable {
  private static final int NODES = 3;

  private final List<ServerProcess> nodes;

  private RedisCluster(List<ServerProcess> nodes) {
    this.nodes = nodes;
  }

  /** Starts the nodes, creates the cluster and waits until it serves every slot. */
  public static RedisCluster start() {
    Path dir = ServerProcess.workDir("redis-cluster");
    List<ServerProcess> nodes = new ArrayList<>();
    try {
      for (int i = 0; i < NODES; i++) {
        nodes.add(
            ServerProcess.start(
                "redis-cluster-node",
                dir,
                port -> {
                  int busPort = ServerProcess.freePort(); // picked again on a retry, like port
                  List<String> cmd = new ArrayList<>(RedisServer.baseCommand(dir, port));
                  cmd.addAll(
                      List.of(
                          "--cluster-enabled",
                          "yes",
                          "--cluster-port",
                          String.valueOf(busPort),
                          "--cluster-config-file",
                          "nodes-" + port + ".conf",
                          "--cluster-node-timeout",
                          "5000"));
                  return cmd;
                }));
      }
      List<String> create = new ArrayList<>(List.of("--cluster", "create"));
      nodes.forEach(n -> create.add("127.0.0.1:" + n.port()));
      create.addAll(List.of("--cluster-replicas", "0", "--cluster-yes"));
      RedisServer.cli(nodes.getFirst().port(), null, create.toArray(String[]::new));
      RedisCluster cluster = new RedisCluster(nodes);
      cluster.awaitOk();
      return cluster;
    } catch (RuntimeException e) {
      nodes.forEach(ServerProcess::stop);
      throw e;
    }
  }

  /** {@code redis+cluster://127.0.0.1:P1,127.0.0.1:P2,127.0.0.1:P3}. */
  public String url() {
    return "redis+cluster://"
        + nodes.stream().map(n -> "127.0.0.1:" + n.port()).collect(Collectors.joining(","));
  }

  /** {@code redis-cli -c} (following redirections) with {@code args}, through the first node. */
  public String cli(String... args) {
    List<String> all = new ArrayList<>(List.of("-c"));
    all.addAll(List.of(args));
    return RedisServer.cli(nodes.getFirst().port(), null, all.toArray(String[]::new));
  }

  public void stop() {
    nodes.forEach(ServerProcess::stop);
  }

  /** Freezes every node (SIGSTOP): connections are accepted, nothing is answered. */
  public void pause() {
    nodes.forEach(ServerProcess::pause);
  }

  /** Thaws the nodes. */
  public void resume() {
    nodes.forEach(ServerProcess::resume);
  }

  @Override
  public void close() {
    stop();
  }

  /** Polls every node until it reports {@code cluster_state:ok} (gossip takes a moment). */
  private void awaitOk() {
    for (ServerProcess n : nodes) {
      ServerProcess.pollUntil(
          () -> RedisServer.cli(n.port(), null, "cluster", "info").contains("cluster_state:ok"),
          "Redis Cluster node " + n.port() + " to report cluster_state:ok");
    }
  }
}
