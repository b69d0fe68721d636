package dev.gocachectl.page;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The pages rendered from a model whose every string is hostile. */
class PagesTest {
  static final String EVIL = "<script>window.x=1</script><img src=x onerror=alert(1)>\u202E'\"&";
  static final String SHOWN =
      "&lt;script&gt;window.x=1&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;[U+202E]&#39;"
          + "&quot;&amp;";
  static final Instant T = Instant.parse("2026-12-08T01:00:00Z");

  static PageModel model() {
    List<PageModel.Point> points =
        List.of(
            new PageModel.Point(10, 0),
            new PageModel.Point(0, 0),
            new PageModel.Point(10, 9),
            new PageModel.Point(10, 10));
    PageModel.RateChart chart =
        new PageModel.RateChart(
            "runner",
            T,
            Duration.ofMinutes(5),
            List.of(
                new PageModel.RateSeries("ci-1", points), new PageModel.RateSeries(EVIL, points)));
    return new PageModel(
        T,
        new PageModel.Fleet(8, 80, 57, 19),
        List.of(new PageModel.RateChart(EVIL, T, Duration.ofMinutes(5), chart.series())),
        chart,
        List.of(
            new PageModel.MissCause("new", 20, EVIL, List.of(new PageModel.Hint(EVIL, EVIL))),
            new PageModel.MissCause("trimmed", 3, "raise the budget", List.of())),
        List.of(new PageModel.Tier(EVIL, 5, 4, 1, 0, 0, 0, 7, 0, 0, 2, true)),
        List.of(
            new PageModel.CacheState(
                EVIL, "prog", EVIL, true, null, T, 2048, 1024, 9, 1 << 30, 4L << 30),
            new PageModel.CacheState("down", "gocache", "/x", false, EVIL, T, 0, 0, 0, 0, 0)),
        List.of(new PageModel.JobRun("verify", EVIL, T, Duration.ofMillis(1200), "findings", EVIL)),
        List.of(new PageModel.OpenFinding("verify", EVIL, EVIL, "new", T, 3, EVIL, EVIL)),
        List.of(new PageModel.SupplyRow(EVIL, EVIL, EVIL, false, T)),
        List.of(new PageModel.RecentBuild(T, EVIL, EVIL, EVIL, 10, 9)));
  }

  @Test
  void everyStringOfTheModelIsShownEscapedAndNothingActive() {
    PageModel m = model();
    for (String page :
        List.of(
            Pages.overview(m),
            Pages.runners(m),
            Pages.job(m, "verify", List.of()).orElseThrow(),
            Pages.notFound("/jobs/" + EVIL))) {
      assertThat(page).doesNotContain("<script").doesNotContain("<img").doesNotContain("\u202E");
      // no attribute named on...: values are quoted, and a quote inside one is escaped
      assertThat(page).doesNotContainPattern("<[a-z0-9]+(\\s+[a-zA-Z-]+=\"[^\"]*\")*\\s+on");
      assertThat(page).contains(SHOWN);
    }
    String overview = Pages.overview(m);
    // each occurrence of the hostile string is the escaped one
    assertThat(count(overview, SHOWN)).isGreaterThanOrEqualTo(12);
    assertThat(overview).contains("over budget").contains("71.3%").contains("open");
  }

  @Test
  void aChartBreaksItsLineWhereNothingWasBuilt() {
    String page = Pages.runners(model());
    // two series, each: one point, a gap, then a line of two points
    Matcher lines = Pattern.compile("<polyline points=\"([^\"]*)\"").matcher(page);
    int n = 0;
    while (lines.find()) {
      assertThat(lines.group(1).split(" ")).hasSize(2);
      n++;
    }
    assertThat(n).isEqualTo(2);
    assertThat(count(page, "<circle ")).isEqualTo(6);
    assertThat(page).contains("ci-1: 90.0% of 10 lookups");
  }

  @Test
  void anUnknownJobHasNoPage() {
    assertThat(Pages.job(model(), "trim", List.of())).isEmpty();
  }

  static int count(String s, String part) {
    int n = 0;
    for (int i = s.indexOf(part); i >= 0; i = s.indexOf(part, i + 1)) {
      n++;
    }
    return n;
  }
}
