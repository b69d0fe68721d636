package dev.gocachectl.cli;

import dev.gocachectl.verify.VerifyProgress;
import java.io.PrintStream;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** A progress bar on standard error, in MiB, for people watching a terminal. */
final class ConsoleProgress implements VerifyProgress {
  private static final long MIB = 1 << 20;
  private final PrintStream err;
  private final String task;
  private ProgressBar bar;

  ConsoleProgress(PrintStream err, String task) {
    this.err = err;
    this.task = task;
  }

  /** A progress bar when someone watches, nothing otherwise. */
  static VerifyProgress forContext(Context ctx, String task) {
    return ctx.interactive() ? new ConsoleProgress(System.err, task) : VerifyProgress.NONE;
  }

  @Override
  public synchronized void start(long totalBytes) {
    total = totalBytes;
    bar =
        new ProgressBarBuilder()
            .setTaskName(task)
            .setInitialMax(Math.max(1, totalBytes / MIB))
            .setUnit(" MiB", 1)
            .setStyle(ProgressBarStyle.ASCII)
            .setConsumer(new ConsoleProgressBarConsumer(err))
            .setUpdateIntervalMillis(200)
            .build();
  }

  @Override
  public synchronized void found(long bytes) {
    total += bytes;
    bar.maxHint(Math.max(1, total / MIB));
  }

  private long total;

  @Override
  public synchronized void advance(long bytes) {
    pending += bytes;
    if (pending >= MIB) {
      bar.stepBy(pending / MIB);
      pending %= MIB;
    }
  }

  private long pending;

  @Override
  public void done() {
    if (bar != null) {
      bar.close();
    }
  }
}
