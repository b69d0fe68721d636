package dev.gocachectl.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ArchiveBuildIdTest {
  static ArchiveBuildId read(String s) {
    byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
    return ArchiveBuildId.read(b, b.length);
  }

  @Test
  void readsTheBuildIdLine() {
    ArchiveBuildId id =
        read(
            "!<arch>\n__.PKGDEF       0           0     0     644     7955      `\n"
                + "go object linux amd64 go1.26.8 X:none\n"
                + "build id \"X9wLNUQBan-ihmQUwkkh/EbvulayhGG6QU6QaocgX\"\n\n$$B\n");
    assertThat(id).isEqualTo(new ArchiveBuildId.Found("X9wLNUQBan-ihmQUwkkh/EbvulayhGG6QU6QaocgX"));
    assertThat(((ArchiveBuildId.Found) id).actionPart()).isEqualTo("X9wLNUQBan-ihmQUwkkh");
  }

  @Test
  void otherContentIsNotAnArchive() {
    assertThat(read("# test log\ngetenv X\n")).isInstanceOf(ArchiveBuildId.NotArchive.class);
    assertThat(read("!<arch>\nfoo.o/  \n")).isInstanceOf(ArchiveBuildId.NotArchive.class);
    assertThat(read("")).isInstanceOf(ArchiveBuildId.NotArchive.class);
  }

  @Test
  void archiveWithoutBuildIdLineReadsAsMissing() {
    assertThat(read("!<arch>\n__.PKGDEF 0\ngo object linux amd64 go1.26\n$$B\n"))
        .isInstanceOf(ArchiveBuildId.Missing.class);
  }
}
