package dev.gocachectl.doctor;

/**
 * What a {@link Finding} is about: a stable name (printed, in {@code --json} and in the docs'
 * table) and the family of checks that reports it.
 */
public enum FindingId {
  GOCACHE_UNLOCATABLE("gocache-unlocatable"),
  GOCACHE_RELATIVE("gocache-relative"),
  GOCACHE_OFF("gocache-off"),
  GOCACHE_EPHEMERAL("gocache-ephemeral"),
  CACHE_VARIABLE_MISSPELLED("cache-variable-misspelled"),
  FS_NETWORK("fs-network"),
  FS_FUSE("fs-fuse"),
  FS_OVERLAY("fs-overlay"),
  FS_TMPFS("fs-tmpfs"),
  DIR_UNWRITABLE("dir-unwritable"),
  DIR_FOREIGN_OWNER("dir-foreign-owner"),
  DIR_WORLD_WRITABLE("dir-world-writable"),
  DISK_LOW("disk-low"),
  CACHE_OVER_BUDGET("cache-over-budget"),
  TRIMPATH_MISSING("trimpath-missing"),
  BUILDVCS_STAMPED("buildvcs-stamped"),
  BUILDVCS_DUBIOUS_OWNERSHIP("buildvcs-dubious-ownership"),
  CGO_OFF_WITHOUT_CC("cgo-off-without-cc"),
  CC_NOT_FOUND("cc-not-found"),
  CC_ID_ERROR("cc-id-error"),
  CGO_FLAGS_JOB_PATH("cgo-flags-job-path"),
  TOOLCHAIN_SWITCH("toolchain-switch"),
  TOOLCHAIN_TOO_OLD("toolchain-too-old"),
  GOEXPERIMENT_SET("goexperiment-set"),
  GODEBUG_CACHE("godebug-cache"),
  ARCH_LEVEL_SET("arch-level-set"),
  COMPILER_DEBUG_ENV("compiler-debug-env"),
  GOFLAGS_REBUILD_ALL("goflags-rebuild-all"),
  TEST_COUNT_1("test-count-1"),
  TESTDATA_CHECKOUT_MTIME("testdata-checkout-mtime"),
  TEST_READS_JOB_VARIABLE("test-reads-job-variable"),
  SCRIPT_CLEANS_CACHE("script-cleans-cache"),
  TRIM_DUE("trim-due"),
  CACHEPROG_SPLIT("cacheprog-split"),
  CACHEPROG_START("cacheprog-start"),
  CACHEPROG_HANDSHAKE("cacheprog-handshake"),
  CACHEPROG_PUT("cacheprog-put"),
  CACHEPROG_GET("cacheprog-get"),
  CACHEPROG_DISKPATH("cacheprog-diskpath"),
  CACHEPROG_CLOSE("cacheprog-close"),
  CACHEPROG_SLOW("cacheprog-slow");

  private final String id;

  FindingId(String id) {
    this.id = id;
  }

  /** The stable name. */
  public String id() {
    return id;
  }
}
