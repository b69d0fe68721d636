package dev.gocachectl.page;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HtmlTest {
  @Test
  void textAndAttributesAreEscapedThroughOnePath() {
    String hostile = "<script>alert('x')</script> & \"q\"";
    String page = new Html().open("td", "title", hostile).text(hostile).close().finish();
    assertThat(page)
        .isEqualTo(
            "<td title=\"&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;\">"
                + "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;</td>");
  }

  @Test
  void controlBidiAndInvisibleCharactersBecomeVisible() {
    assertThat(Html.escape("a\u202Eb\u0007c\u2066d\u200Be\u0085f\tg\nh"))
        .isEqualTo("a[U+202E]b[U+0007]c[U+2066]d[U+200B]e[U+0085]f\tg\nh");
    // a pair stays, a lone surrogate does not
    assertThat(Html.escape("\uD83D\uDE00")).isEqualTo("\uD83D\uDE00");
    assertThat(Html.escape("x\uD83Dy")).isEqualTo("x[U+D83D]y");
    assertThat(Html.escape("日本 café")).isEqualTo("日本 café");
  }

  @Test
  void scriptHandlersStylesAndForeignLinksCannotBeWritten() {
    assertThatThrownBy(() -> new Html().open("script")).hasMessageContaining("script");
    assertThatThrownBy(() -> new Html().open("td", "onclick", "x")).hasMessageContaining("onclick");
    assertThatThrownBy(() -> new Html().open("td", "style", "x")).hasMessageContaining("style");
    assertThatThrownBy(() -> new Html().open("a", "href", "javascript:alert(1)"))
        .hasMessageContaining("path of this server");
    assertThatThrownBy(() -> new Html().open("a", "href", "//evil.example/"))
        .hasMessageContaining("path of this server");
    assertThat(new Html().el("a", "x", "href", "/jobs/a").finish())
        .isEqualTo("<a href=\"/jobs/a\">x</a>");
  }

  @Test
  void aPageLeftOpenIsRefused() {
    assertThatThrownBy(() -> new Html().open("table").open("tr").finish())
        .hasMessageContaining("left open");
  }
}
