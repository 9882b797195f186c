package io.ays.model.hrd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.junit.jupiter.api.Test;

class HrdWriterTest {

  private final HrdParser parser = new HrdParser();
  private final HrdWriter writer = new HrdWriter();

  @Test
  void writesKeysSortedAndPaddedLikeTheOriginal() {
    Hrd hrd = parser.parse("z = 1\na = 'x y'\n", "w.hrd");
    assertThat(writer.write(hrd))
        .isEqualTo(String.format("%-30s = %s%n%-30s = %s%n", "a", "'x y'", "z", "1"));
  }

  @Test
  void quotesStringsThatWouldReadBackAsAnotherType() {
    Hrd hrd = Hrd.of("w", Map.of("a", "123", "b", "none", "c", "a:b", "d", "x,y", "e", "true"));
    assertThat(parser.parse(writer.write(hrd), "w")).isEqualTo(hrd);
  }

  @Property(tries = 300)
  void aWrittenDocumentParsesBackToEqualData(@ForAll("documents") Map<String, Object> values) {
    Hrd hrd = Hrd.of("gen", values);
    assertThat(parser.parse(writer.write(hrd), "gen")).isEqualTo(hrd);
  }

  @Provide
  Arbitrary<Map<String, Object>> documents() {
    Arbitrary<String> keys =
        Arbitraries.strings()
            .withCharRange('a', 'z')
            .ofMinLength(1)
            .ofMaxLength(6)
            .list()
            .ofMinSize(1)
            .ofMaxSize(3)
            .map(parts -> String.join(".", parts));
    return Arbitraries.maps(keys, values()).ofMaxSize(8).map(LinkedHashMap::new);
  }

  private Arbitrary<Object> values() {
    Arbitrary<String> text =
        Arbitraries.strings()
            .withChars("abcXYZ019 _-./:,#@$()'")
            .ofMaxLength(12)
            .filter(s -> !(s.contains("'") && s.contains("\"")))
            .filter(s -> s.equals(s.strip()));
    Arbitrary<Object> scalar =
        Arbitraries.oneOf(
            text.map(s -> (Object) s),
            Arbitraries.longs().between(-100000, 100000).map(l -> (Object) l),
            Arbitraries.of(true, false).map(b -> (Object) b),
            Arbitraries.doubles().between(-1000, 1000).ofScale(2).map(d -> (Object) d));
    Arbitrary<Object> list =
        scalar.list().ofMinSize(1).ofMaxSize(4).map(l -> (Object) List.copyOf(l));
    Arbitrary<Object> dict =
        Combinators.combine(
                Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(5), scalar)
            .as((k, v) -> Map.entry(k, v))
            .list()
            .ofMinSize(1)
            .ofMaxSize(4)
            .map(
                entries -> {
                  Map<String, Object> map = new LinkedHashMap<>();
                  entries.forEach(e -> map.put(e.getKey(), e.getValue()));
                  return (Object) map;
                });
    Arbitrary<Object> textBlock =
        Arbitraries.strings()
            .withChars("abcXYZ019_-./:,$() ")
            .ofMinLength(1)
            .ofMaxLength(10)
            .map(String::strip)
            .filter(line -> !line.isEmpty())
            .list()
            .ofMinSize(2)
            .ofMaxSize(4)
            .filter(lines -> !lines.get(0).endsWith(","))
            .map(lines -> (Object) String.join("\n", lines));
    Arbitrary<Object> empty = Arbitraries.of(List.of(), Map.of(), "");
    return Arbitraries.frequencyOf(
        Tuple.of(4, scalar),
        Tuple.of(2, list),
        Tuple.of(2, dict),
        Tuple.of(1, textBlock),
        Tuple.of(1, empty));
  }

  @Test
  void dictsAndListsAreWrittenAsIndentedBlocksAndTextAsATextBlock() {
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("process.1", Map.of("cmd", "./bin/x --port 1", "prio", 5L));
    values.put("platform.supported", List.of("linux64", "darwin"));
    values.put("motd", "Welcome to\nthe machine");
    values.put("empty.dict", Map.of());
    Hrd hrd = Hrd.of("w", values);
    String text = writer.write(hrd);
    assertThat(text)
        .contains(String.format("%-30s =%n    Welcome to%n    the machine%n", "motd"))
        .contains(String.format("%-30s =%n    'linux64',%n    'darwin',%n", "platform.supported"))
        .contains(String.format("%-30s = :%n", "empty.dict"))
        .contains("    cmd:'./bin/x --port 1',");
    assertThat(parser.parse(text, "w")).isEqualTo(hrd);
  }

  @Test
  void questionsAreWrittenAsTheyWereRead() {
    Hrd hrd = parser.parse("p = @ASK type:int default:1 descr:'a: b'\n", "w");
    assertThat(writer.write(hrd))
        .isEqualTo(String.format("%-30s = %s%n", "p", "@ASK type:int default:1 descr:'a: b'"));
  }

  @Test
  void aTextHoldingBothQuotesThatWasReadBareIsWrittenBare() {
    // Found by HrdRobustnessTest: the parser reads this line's value as one plain text.
    Hrd hrd = parser.parse("key = key'\"'\n", "w");
    assertThat(hrd.raw("key")).isEqualTo("key'\"'");
    assertThat(writer.write(hrd)).isEqualTo(String.format("%-30s = %s%n", "key", "key'\"'"));
    assertThat(parser.parse(writer.write(hrd), "again")).isEqualTo(hrd);
  }

  @Test
  void aValueWithoutAnHrdFormIsRefusedNamingTheKey() {
    assertThatThrownBy(() -> writer.write(Hrd.of("w", Map.of("a.b", "it's \"x\", or not"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("cannot write key 'a.b': a text holding both ' and \"");
    assertThatThrownBy(() -> writer.write(Hrd.of("w", Map.of("t", "one\n\nthree"))))
        .hasMessageStartingWith("cannot write key 't': a text block cannot hold a blank line");
    assertThatThrownBy(() -> writer.write(Hrd.of("w", Map.of("l", List.of(Map.of("k", 1L))))))
        .hasMessageContaining("a dict inside a list or dict has no HRD form");
  }
}
