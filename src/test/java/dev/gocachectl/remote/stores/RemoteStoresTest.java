package dev.gocachectl.remote.stores;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gocachectl.remote.RemoteOptions;
import dev.gocachectl.remote.RemoteStore;
import dev.gocachectl.remote.StoreUrl;
import dev.gocachectl.remote.http.HttpStore;
import dev.gocachectl.remote.redis.RedisStore;
import dev.gocachectl.remote.s3.S3Store;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The URL forms of {@link RemoteStores#open}; opening contacts no server. */
class RemoteStoresTest {
  private static final RemoteOptions OPTIONS = RemoteOptions.defaults();

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "redis://127.0.0.1:6379 | redis://127.0.0.1:6379",
        "redis://:hunter2@cache.internal:6380/2?prefix=ci&ttl=36h | redis://cache.internal:6380/2?prefix=ci",
        "rediss://user:hunter2@[::1]:7000 | rediss://[::1]:7000",
        "redis://cache | redis://cache:6379",
        "redis://u:hun@ter2@host:1 | redis://host:1",
        "redis+cluster://a:7000,b:7001,c | redis+cluster://a:7000,b:7001,c:6379",
        "rediss+cluster://a:7000 | rediss+cluster://a:7000",
        "http://ci:hunter2@bazel-remote:8080/main/ | http://bazel-remote:8080/main",
        "https://cache.example.com | https://cache.example.com",
        "s3://my-bucket | s3://my-bucket",
        "s3://my-bucket/go/cache/?region=eu-west-1 | s3://my-bucket/go/cache",
        "s3://b.c-d?endpoint=http://127.0.0.1:9000&path-style=true | s3://b.c-d at http://127.0.0.1:9000",
      })
  void everyFormOpensAStoreThatDescribesItselfWithoutSecrets(String url, String describe)
      throws IOException {
    try (RemoteStore store = RemoteStores.open(url.strip(), OPTIONS, Map.of())) {
      assertThat(store.describe()).isEqualTo(describe.strip()).doesNotContain("hunter2");
      String scheme = url.strip().substring(0, url.strip().indexOf(':'));
      assertThat(store)
          .isInstanceOf(
              scheme.startsWith("redis")
                  ? RedisStore.class
                  : scheme.startsWith("http") ? HttpStore.class : S3Store.class);
    }
  }

  @Test
  void redisSettingsComeFromTheQuery() throws IOException {
    try (RemoteStore store =
        RemoteStores.open("redis://h:1?max-object=512KiB", OPTIONS, Map.of())) {
      assertThat(store.maxOutputSize()).isEqualTo(512 * 1024);
    }
    try (RemoteStore store = RemoteStores.open("redis://h:1?max-object=2M", OPTIONS, Map.of())) {
      assertThat(store.maxOutputSize()).isEqualTo(2_000_000);
    }
    try (RemoteStore store = RemoteStores.open("redis://h:1", OPTIONS, Map.of())) {
      assertThat(store.maxOutputSize()).isEqualTo(64L << 20);
    }
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "ftp://user:hunter2@host/x | unknown scheme ftp:// | ftp://user:***@host/x",
        "cache.example.com | no SCHEME:// | cache.example.com",
        "redis://u:hunter2@host:1?tll=7d | unknown parameter 'tll' | redis://u:***@host:1?tll=7d",
        "redis://u:hunter2@host:1?ttl=7x | invalid duration | redis://u:***@host:1?ttl=7x",
        "redis://:hunter2@host:99999 | port '99999' | redis://:***@host:99999",
        "redis://a:1,b:2 | need redis+cluster:// | redis://a:1,b:2",
        "redis+cluster://a:1/3 | only database 0 | redis+cluster://a:1/3",
        "redis://a:1/x | database number | redis://a:1/x",
        "redis://a:1?max-object=1GiB | at most 512MiB | redis://a:1?max-object=1GiB",
        "redis://a:1?ttl=10ms | at least 1s | redis://a:1?ttl=10ms",
        "redis://u:hunt%zz@a:1 | bad percent-encoding | redis://u:***@a:1",
        "s3://key:hunter2@bucket | credentials never go in an s3:// URL | s3://key:***@bucket",
        "s3://Bad_Bucket | not a bucket name | s3://Bad_Bucket",
        "s3://bucket?endpoint=ftp://x | must be http[s]://HOST[:PORT] | s3://bucket?endpoint=ftp://x",
        "s3://bucket?path-style=maybe | not true or false | s3://bucket?path-style=maybe",
        "http://a:1/x?y=1 | it takes none | http://a:1/x?y=1",
        "http://u:hunter2@a:1,b:2 | one HOST[:PORT] | http://u:***@a:1,b:2",
        "http://u:hunt/er2@a:1 | percent-encode | http://u:***@a:1",
      })
  void aBadUrlSaysWhatIsWrongWithoutThePasswordAndListsTheForms(
      String url, String problem, String redacted) {
    assertThatThrownBy(() -> RemoteStores.open(url.strip(), OPTIONS, Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'" + redacted.strip() + "'")
        .hasMessageContaining(problem.strip())
        .hasMessageContaining(RemoteStores.FORMS)
        .satisfies(e -> assertThat(messages(e)).doesNotContain("hunter2").doesNotContain("ter2@"));
  }

  @Test
  void anHttpPasswordWithoutAUserIsAnError() {
    Map<String, String> env = Map.of("GOCACHECTL_HTTP_PASSWORD", "hunter2");
    assertThatThrownBy(() -> RemoteStores.open("http://a:1", OPTIONS, env))
        .hasMessageContaining("GOCACHECTL_HTTP_USER")
        .satisfies(e -> assertThat(messages(e)).doesNotContain("hunter2"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "redis://u:p@ss@host:1 -> redis://u:***@host:1",
        "redis://:x@h:1/0?prefix=a@b -> redis://:***@h:1/0?prefix=a@b",
        "http://user@h:1 -> http://user@h:1",
        "http://h:1/a@b -> http://h:***@b", // over-hidden, and refused by the parser anyway
        "plain text -> plain text",
      })
  void redactionHidesEverythingThatMayBeAPassword(String pair) {
    String[] p = pair.split(" -> ", -1);
    assertThat(StoreUrl.redact(p[0])).isEqualTo(p[1]);
  }

  private static String messages(Throwable e) {
    StringBuilder all = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause()) {
      all.append(t.getMessage()).append('\n');
    }
    return all.toString();
  }
}
