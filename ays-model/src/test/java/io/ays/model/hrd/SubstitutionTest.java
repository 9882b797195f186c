package io.ays.model.hrd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SubstitutionTest {

  private final HrdParser parser = new HrdParser();

  @Test
  void referencesAreSubstitutedLazilyAndThroughChains() {
    Hrd hrd = parser.parse("port = 80\nurl = 'http://h:$(port)/'\nlink = $(url)x\n", "s.hrd");
    assertThat(hrd.raw("url")).isEqualTo("http://h:$(port)/");
    assertThat(hrd.get("url")).isEqualTo("http://h:80/");
    assertThat(hrd.get("link")).isEqualTo("http://h:80/x");
  }

  @Test
  void unknownKeysAreLeftAsWritten() {
    Hrd hrd = parser.parse("a = '$(system.paths.base)/x'\n", "s.hrd");
    assertThat(hrd.get("a")).isEqualTo("$(system.paths.base)/x");
  }

  @Test
  void referencesInsideDictsAndListsAreSubstituted() {
    Hrd hrd = parser.parse("p = 9\nd =\n    ports:'$(p)',\n    list:[$(p),1],\n", "s.hrd");
    @SuppressWarnings("unchecked")
    Map<String, Object> d = (Map<String, Object>) hrd.get("d");
    // a value that is one whole reference takes the referenced value with its type
    assertThat(d.get("ports")).isEqualTo(9L);
    assertThat(d.get("list")).isEqualTo(java.util.List.of(9L, 1L));
  }

  @Test
  void aReferenceCycleIsReportedNamingTheCycleInsteadOfLooping() {
    Hrd hrd = parser.parse("a = $(b)\nb = $(c)\nc = $(a)\n", "cyc.hrd");
    assertThatThrownBy(() -> hrd.get("a"))
        .isInstanceOf(HrdCycleException.class)
        .hasMessage("cyc.hrd: reference cycle a -> b -> c -> a");
  }

  @Test
  void arbitraryTextSuchAsAConfigFileIsSubstituted() {
    Hrd hrd = parser.parse("instance.param.port = 6379\n", "s.hrd");
    assertThat(Substitution.apply("port $(instance.param.port)\nbind $(nope)\n", hrd))
        .isEqualTo("port 6379\nbind $(nope)\n");
  }

  @Test
  void aWholeReferenceKeepsTheTypeAndAPartialOneBecomesText() {
    Hrd hrd =
        parser.parse("n = 5\nl = a, b\nwhole = $(n)\npart = 'n=$(n)'\nlist = $(l)\n", "s.hrd");
    assertThat(hrd.get("whole")).isEqualTo(5L);
    assertThat(hrd.get("part")).isEqualTo("n=5");
    assertThat(hrd.get("list")).isEqualTo(java.util.List.of("a", "b"));
  }

  @Test
  void aMapCanBeTheLookupAndItsValuesMayReferToEachOther() {
    Map<String, Object> values = Map.of("Port", 80, "url", "http://h:$(port)");
    assertThat(Substitution.apply("u=$(URL) p=$(port) x=$(x)", values))
        .isEqualTo("u=http://h:80 p=80 x=$(x)");
  }

  @Test
  void aCycleReachedFromConfigTextIsReportedToo() {
    Hrd hrd = parser.parse("a = $(b)\nb = $(a)\n", "cyc.hrd");
    assertThatThrownBy(() -> Substitution.apply("x $(a)", hrd))
        .isInstanceOf(HrdCycleException.class)
        .hasMessageContaining("a -> b -> a");
  }

  @Test
  void noneSubstitutesAsEmptyText() {
    Hrd hrd = parser.parse("a = none\nb = 'x$(a)y'\n", "s.hrd");
    assertThat(hrd.get("b")).isEqualTo("xy");
    assertThat(hrd.raw("b")).isEqualTo("x$(a)y");
  }
}
