package dev.gocachectl.testing;

/**
 * A real server the tests started, in its own {@link ServerProcess}: the controls every one of them
 * has (its port, stop, freeze, thaw, restart). Subclasses add their URLs and clients.
 */
public abstract class RunningServer implements AutoCloseable {
  protected final ServerProcess process;

  protected RunningServer(ServerProcess process) {
    this.process = process;
  }

  public int port() {
    return process.port();
  }

  public void stop() {
    process.stop();
  }

  /** Freezes the server (SIGSTOP): connections are accepted, nothing is answered. */
  public void pause() {
    process.pause();
  }

  /** Thaws a paused server. */
  public void resume() {
    process.resume();
  }

  /**
   * Starts it again on the same port and data directory; what survives is the server's own affair
   * (bazel-remote and s3proxy reload their files, Redis here starts empty).
   */
  public void restart() {
    process.restart();
  }

  @Override
  public void close() {
    process.stop();
  }
}
