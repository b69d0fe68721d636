package dev.gocachectl.explain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gocachectl.cache.ActionId;
import dev.gocachectl.cache.Hash;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Root causes and downstream folding over hand-written captures. */
class ExplainerUnitTest {
  static CapturedAction act(String salt, String mode, String pkg, String... lines) {
    List<InputLine> in = new ArrayList<>();
    for (String l : lines) {
      in.add(new InputLine(GoQuoted.quote(l + "\n"), null));
    }
    String all = salt + mode + pkg + String.join("|", lines);
    ActionId id = new ActionId(Hash.sha256(all.getBytes(StandardCharsets.UTF_8)));
    return new CapturedAction(new ActionKey(mode, pkg, 0), salt, in, id);
  }

  static Manifest manifest(CapturedAction... actions) {
    return new Manifest("go1.26.8", List.of(), null, List.of(), List.of(actions));
  }

  static Manifest chain(String aFile, String aOut, String bOut, String salt) {
    return new Manifest(
        salt,
        List.of(),
        null,
        List.of(),
        List.of(
            act(
                salt,
                "build",
                "x/a",
                "compile",
                "compile compile version " + salt + " [] []",
                "file a.go " + aFile),
            act(salt, "build", "x/b", "compile", "file b.go B", "import x/a " + aOut),
            act(salt, "build", "x/c", "compile", "file c.go C", "import x/b " + bOut),
            act(
                salt,
                "link",
                "x/c",
                "link",
                "packagefile x/a=" + aOut,
                "packagefile x/b=" + bOut)));
  }

  @Test
  void identicalCapturesHaveNoCause() {
    Manifest m = chain("H1", "O1", "P1", "go1.26.8");
    Explanation e = Explainer.explain(m, chain("H1", "O1", "P1", "go1.26.8"));
    assertThat(e.differs()).isFalse();
    assertThat(e.causes()).isEmpty();
    assertThat(e.totals()).isEqualTo(new Explanation.Totals(4, 4, 0, 0, 0, 0));
  }

  @Test
  void importLinesAreFoldedUnderTheirRoot() {
    Explanation e =
        Explainer.explain(chain("H1", "O1", "P1", "go1.26.8"), chain("H2", "O2", "P2", "go1.26.8"));
    assertThat(e.groups())
        .singleElement()
        .satisfies(
            g -> {
              assertThat(g.cause().category()).isEqualTo(Category.SOURCE);
              assertThat(g.cause().headline()).isEqualTo("x/a/a.go differs (`H1` vs `H2`)");
              assertThat(ScenarioModule.names(g.roots())).containsExactly("compile x/a");
              assertThat(ScenarioModule.names(g.downstream()))
                  .containsExactly("compile x/b", "compile x/c", "link x/c");
            });
    assertThat(e.totals()).isEqualTo(new Explanation.Totals(4, 0, 4, 1, 3, 0));
  }

  @Test
  void unchangedOutputStopsTheCascade() {
    Explanation e =
        Explainer.explain(chain("H1", "O1", "P1", "go1.26.8"), chain("H2", "O2", "P1", "go1.26.8"));
    CauseGroup g = e.groups().getFirst();
    assertThat(ScenarioModule.names(g.downstream())).containsExactly("compile x/b", "link x/c");
    assertThat(e.totals().equal()).isEqualTo(1);
  }

  @Test
  void aChangedOutputOfAnEqualActionIsNamed() {
    Explanation e =
        Explainer.explain(chain("H1", "O1", "P1", "go1.26.8"), chain("H1", "O9", "P1", "go1.26.8"));
    assertThat(e.groups())
        .singleElement()
        .satisfies(
            g -> {
              assertThat(g.cause().category()).isEqualTo(Category.OTHER);
              assertThat(g.cause().subject()).isEqualTo("output of compile x/a");
              assertThat(ScenarioModule.names(g.roots()))
                  .containsExactly("compile x/b", "link x/c");
            });
  }

  @Test
  void aNewGoVersionIsOneCause() {
    Explanation e =
        Explainer.explain(chain("H1", "O1", "P1", "go1.25.0"), chain("H1", "O2", "P2", "go1.26.8"));
    assertThat(e.groups())
        .singleElement()
        .satisfies(
            g -> {
              assertThat(g.cause().headline())
                  .isEqualTo("Go version differs (`go1.25.0` vs `go1.26.8`)");
              assertThat(g.roots()).hasSize(4);
            });
  }

  @Test
  void actionsOnOneSideOnly() {
    CapturedAction a = act("go1.26.8", "build", "x/a", "compile", "file a.go H");
    Manifest before = manifest(a, act("go1.26.8", "build", "x/m", "compile", "file m.go M"));
    Manifest after =
        manifest(
            a,
            act("go1.26.8", "build", "x/new", "compile", "file n.go N"),
            act("go1.26.8", "build", "x/m", "compile", "file m.go M", "import x/new N1"));
    Explanation e = Explainer.explain(before, after);
    assertThat(e.onlyInB()).extracting(ActionKey::toString).containsExactly("compile x/new");
    assertThat(e.causes()).isEmpty();
    assertThat(e.totals().unexplained()).isEqualTo(1);
    assertThat(e.differs()).isTrue();
  }

  @Test
  void cgoFlagsGroupAcrossCFlagsAndStampedSettings() {
    String info = "path\tx/m\nbuild\tCGO_CFLAGS=%s\nbuild\tGOAMD64=v1\n";
    Manifest a =
        manifest(
            act("go1.26.8", "build", "x/c", "CC=[\"gcc\"] [] [\"-I/a\" \"-DK\"] []"),
            act("go1.26.8", "build", "x/m", "modinfo " + GoQuoted.quote(info.formatted("-I/a"))));
    Manifest b =
        manifest(
            act("go1.26.8", "build", "x/c", "CC=[\"gcc\"] [] [\"-I/b\" \"-DK\"] []"),
            act("go1.26.8", "build", "x/m", "modinfo " + GoQuoted.quote(info.formatted("-I/b"))));
    Explanation e = Explainer.explain(a, b);
    assertThat(e.groups())
        .singleElement()
        .satisfies(
            g -> {
              assertThat(g.cause().headline()).isEqualTo("CGO_CFLAGS differs (`-I/a` vs `-I/b`)");
              assertThat(g.packages()).isEqualTo(2);
              assertThat(g.members())
                  .extracting(m -> m.cause().via())
                  .containsExactly("C compiler flags", "stamped build info");
            });
  }

  @Test
  void aLineOfAnUnknownShapeIsShownWhole() {
    Explanation e =
        Explainer.explain(
            manifest(act("go1.26.8", "build", "x/a", "compile gccgo-7")),
            manifest(act("go1.26.8", "build", "x/a", "compile gccgo-8")));
    assertThat(e.groups())
        .singleElement()
        .satisfies(
            g -> {
              assertThat(g.cause().category()).isEqualTo(Category.OTHER);
              assertThat(g.cause().headline())
                  .isEqualTo("compile tool differs (`compile gccgo-7` vs `compile gccgo-8`)");
            });
  }
}
