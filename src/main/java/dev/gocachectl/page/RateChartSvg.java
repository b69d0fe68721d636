package dev.gocachectl.page;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * A {@link PageModel.RateChart} as inline SVG: hit rate (0 to 100%) against time, one line per
 * series, broken where a bucket had no lookups, a point per bucket with its numbers as a tooltip
 * (SVG {@code title}: no script), and a legend. At most {@link #COLORS} series get a colour of
 * their own; the model merges the rest.
 */
final class RateChartSvg {
  static final List<String> COLORS =
      List.of(
          "#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf");
  private static final int WIDTH = 720;
  private static final int HEIGHT = 220;
  private static final int LEFT = 44;
  private static final int RIGHT = 12;
  private static final int TOP = 10;
  private static final int BOTTOM = 26;
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("MM-dd HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);

  private RateChartSvg() {}

  static void write(Html h, PageModel.RateChart c, String id) {
    int buckets = c.series().isEmpty() ? 0 : c.series().getFirst().points().size();
    h.open(
        "svg",
        "id",
        id,
        "class",
        "chart",
        "viewBox",
        "0 0 " + WIDTH + " " + HEIGHT,
        "width",
        Integer.toString(WIDTH),
        "height",
        Integer.toString(HEIGHT),
        "role",
        "img",
        "aria-label",
        "hit rate over time by " + c.dimension());
    double plotW = WIDTH - LEFT - RIGHT;
    double plotH = HEIGHT - TOP - BOTTOM;
    for (int p = 0; p <= 100; p += 25) {
      double y = TOP + plotH * (1 - p / 100.0);
      h.open(
          "line", "x1", n(LEFT), "x2", n(WIDTH - RIGHT), "y1", n(y), "y2", n(y), "class", "grid");
      h.el("text", p + "%", "x", n(LEFT - 6), "y", n(y + 4), "text-anchor", "end");
    }
    if (buckets > 0) {
      for (int i : new int[] {0, buckets / 2, buckets - 1}) {
        Instant t = c.start().plus(c.step().multipliedBy(i));
        h.el(
            "text",
            TIME.format(t),
            "x",
            n(x(i, buckets, plotW)),
            "y",
            n(HEIGHT - 8),
            "text-anchor",
            i == 0 ? "start" : i == buckets - 1 ? "end" : "middle");
      }
    }
    for (int s = 0; s < c.series().size(); s++) {
      PageModel.RateSeries series = c.series().get(s);
      String color = COLORS.get(s % COLORS.size());
      h.open("g", "class", "series", "data-series", series.name(), "stroke", color, "fill", color);
      StringBuilder run = new StringBuilder();
      List<PageModel.Point> pts = series.points();
      for (int i = 0; i < pts.size(); i++) {
        PageModel.Point p = pts.get(i);
        if (p.gets() == 0) {
          line(h, run);
          continue;
        }
        double x = x(i, buckets, plotW);
        double y = TOP + plotH * (1 - (double) p.hits() / p.gets());
        run.append(run.isEmpty() ? "" : " ").append(n(x)).append(',').append(n(y));
        h.open("circle", "cx", n(x), "cy", n(y), "r", "3");
      }
      line(h, run);
      h.close();
    }
    // tooltips: one invisible target per point, its numbers in an SVG title
    for (int s = 0; s < c.series().size(); s++) {
      PageModel.RateSeries series = c.series().get(s);
      List<PageModel.Point> pts = series.points();
      for (int i = 0; i < pts.size(); i++) {
        PageModel.Point p = pts.get(i);
        if (p.gets() == 0) {
          continue;
        }
        double x = x(i, buckets, plotW);
        double y = TOP + plotH * (1 - (double) p.hits() / p.gets());
        h.open("g", "class", "tip");
        h.el(
            "title",
            series.name()
                + ": "
                + Pages.percent(p.hits(), p.gets())
                + " of "
                + p.gets()
                + " lookups, from "
                + TIME.format(c.start().plus(c.step().multipliedBy(i)))
                + " UTC");
        h.open("rect", "x", n(x - 5), "y", n(y - 5), "width", "10", "height", "10");
        h.close();
      }
    }
    h.close();
    h.open("ul", "class", "legend");
    for (int s = 0; s < c.series().size(); s++) {
      PageModel.RateSeries series = c.series().get(s);
      h.open("li");
      h.open("svg", "width", "12", "height", "12", "aria-hidden", "true");
      h.open("rect", "width", "12", "height", "12", "fill", COLORS.get(s % COLORS.size()));
      h.close();
      h.el("span", series.name().isEmpty() ? "(none)" : series.name(), "class", "name");
      h.text(" " + Pages.percent(series.hits(), series.gets()) + " of " + series.gets());
      h.close();
    }
    h.close();
  }

  private static void line(Html h, StringBuilder run) {
    if (run.indexOf(" ") > 0) {
      h.open("polyline", "points", run.toString(), "fill", "none", "stroke-width", "2");
    }
    run.setLength(0);
  }

  private static double x(int i, int buckets, double plotW) {
    return LEFT + (buckets <= 1 ? plotW / 2 : plotW * i / (buckets - 1));
  }

  private static String n(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }
}
