package dev.gocachectl.verify;

/** Receives progress while outputs are hashed; called from several threads. */
public interface VerifyProgress {
  /** Hashing is about to start over this many bytes (more may be {@link #found} later). */
  void start(long totalBytes);

  /** This many more bytes are to be hashed. */
  void found(long bytes);

  /** This many more bytes were hashed. */
  void advance(long bytes);

  /** Hashing is over. */
  void done();

  /** Reports nothing. */
  VerifyProgress NONE =
      new VerifyProgress() {
        @Override
        public void start(long totalBytes) {}

        @Override
        public void found(long bytes) {}

        @Override
        public void advance(long bytes) {}

        @Override
        public void done() {}
      };
}
