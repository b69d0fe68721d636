package dev.gocachectl.units;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.SocketTimeoutException;
import org.junit.jupiter.api.Test;

class CausesTest {
  @Test
  void theChainInOrder() {
    SocketTimeoutException root = new SocketTimeoutException("read timed out");
    IOException mid = new IOException("get", root);
    UncheckedIOException top = new UncheckedIOException(mid);
    assertThat(Causes.chain(top)).containsExactly(top, mid, root);
    assertThat(Causes.find(top, SocketTimeoutException.class)).isSameAs(root);
    assertThat(Causes.find(top, IllegalStateException.class)).isNull();
  }

  @Test
  void aCauseCycleEndsTheWalk() {
    IOException a = new IOException("a");
    IOException b = new IOException("b");
    a.initCause(b);
    b.initCause(a); // the JDK refuses only an exception that causes itself directly
    assertThat(Causes.chain(a)).containsExactly(a, b);
    assertThat(Causes.withSuppressed(a)).containsExactly(a, b);
    assertThat(Causes.find(a, SocketTimeoutException.class)).isNull();
  }

  @Test
  void suppressedExceptionsAreWalkedOnlyWhenAskedFor() {
    SocketTimeoutException hidden = new SocketTimeoutException("close timed out");
    IOException top = new IOException("put");
    top.addSuppressed(hidden);
    assertThat(Causes.find(top, SocketTimeoutException.class)).isNull();
    assertThat(Causes.withSuppressed(top)).containsExactly(top, hidden);
  }

  @Test
  void aSuppressedCycleEndsTheWalk() {
    IOException close = new IOException("close");
    IOException cause = new IOException("connection reset");
    IOException top = new IOException("get", cause);
    cause.addSuppressed(close);
    close.addSuppressed(top); // a clean-up that recorded the failure it was cleaning up after
    SocketTimeoutException deep = new SocketTimeoutException("deep");
    close.initCause(deep);
    assertThat(Causes.withSuppressed(top)).containsExactly(top, cause, close, deep);
  }
}
