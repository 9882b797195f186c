package io.ays.model.hrd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HrdAccessorsTest {

  private final Hrd hrd =
      new HrdParser()
          .parse(
              """
              instances.maxnr = '1'
              timeout = 60
              ratio = 0.5
              link = 'True'
              off = no
              word = maybe
              platforms = linux64, darwin
              one = linux64
              dict =
                  a:1,
                  b:'x',
              text = k:v
              process.2 = x
              process.1 = y
              nothing = none
              """,
              "t/service.hrd");

  @Test
  void numbersAreReadWhetherQuotedOrNot() {
    assertThat(hrd.getInt("instances.maxnr")).isEqualTo(1);
    assertThat(hrd.getLong("timeout")).isEqualTo(60L);
    assertThat(hrd.getDouble("ratio")).isEqualTo(0.5);
    assertThat(hrd.getDouble("timeout")).isEqualTo(60.0);
    assertThat(hrd.getInt("absent", 7)).isEqualTo(7);
    assertThat(hrd.getLong("nothing", 3)).isEqualTo(3L);
  }

  @Test
  void booleansAcceptTrueFalseYesNoAndOneZero() {
    assertThat(hrd.getBool("link")).isTrue();
    assertThat(hrd.getBool("off")).isFalse();
    assertThat(hrd.getBool("nothing")).isFalse();
    assertThat(hrd.getBool("absent", true)).isTrue();
  }

  @Test
  void aValueOfTheWrongTypeIsAnErrorNamingFileLineAndKey() {
    assertThatThrownBy(() -> hrd.getBool("word"))
        .isInstanceOf(HrdValueException.class)
        .hasMessage(
            "t/service.hrd:6: word: expected true or false (or yes/no, 1/0), found 'maybe'");
    assertThatThrownBy(() -> hrd.getLong("ratio"))
        .hasMessage("t/service.hrd:3: ratio: expected a whole number, found '0.5'");
    assertThatThrownBy(() -> hrd.getString("absent"))
        .hasMessage("t/service.hrd: absent: no such key");
    assertThatThrownBy(() -> hrd.getDict("word"))
        .hasMessageStartingWith("t/service.hrd:6: word: expected a dict");
  }

  @Test
  void listsAndDictsAreReadFromTheirTextToo() {
    assertThat(hrd.getList("platforms")).containsExactly("linux64", "darwin");
    assertThat(hrd.getStringList("one")).containsExactly("linux64");
    assertThat(hrd.getList("absent")).isEmpty();
    assertThat(hrd.getDict("dict")).isEqualTo(Map.of("a", 1L, "b", "x"));
    assertThat(hrd.getDict("text")).isEqualTo(Map.of("k", "v"));
    assertThat(hrd.getDict("absent")).isEmpty();
  }

  @Test
  void textOfAnyValueIsItsOneLineForm() {
    assertThat(hrd.getString("platforms")).isEqualTo("linux64,darwin");
    assertThat(hrd.getString("dict")).isEqualTo("a:1,b:x");
    assertThat(hrd.getString("nothing")).isEmpty();
    assertThat(hrd.optionalString("absent")).isEmpty();
    assertThat(hrd.getString("absent", "fallback")).isEqualTo("fallback");
  }

  @Test
  void keysWithAPrefixAreSorted() {
    assertThat(hrd.keysWithPrefix("PROCESS.")).containsExactly("process.1", "process.2");
  }

  @Test
  void withAndWithoutReturnChangedCopies() {
    Hrd changed = hrd.with("New.Key", List.of(1L)).without("timeout");
    assertThat(changed.raw("new.key")).isEqualTo(List.of(1L));
    assertThat(changed.has("timeout")).isFalse();
    assertThat(hrd.has("new.key")).isFalse();
    assertThat(hrd.has("timeout")).isTrue();
    assertThat(hrd.keys()).isUnmodifiable();
  }
}
