package io.ays.cli.request;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * {@code --data} is typed by a person or pasted from elsewhere: whatever the text, it gives answers
 * or an {@link IllegalArgumentException} naming the pair at fault (shown as a usage error), never
 * another exception; and any value, written double-quoted, comes back exactly.
 */
class DataFuzzTest {

  @Property(tries = 1000)
  void anyTextGivesAnswersOrAUsageError(@ForAll("dataLike") String text) {
    try {
      Answers answers = DataParser.parse(text);
      assertThat(answers.values().keySet()).allSatisfy(key -> assertThat(key).isNotEmpty());
    } catch (IllegalArgumentException e) {
      assertThat(e.getMessage()).isNotBlank();
    }
  }

  @Property(tries = 300)
  void anyValueWrittenDoubleQuotedIsReadBackExactly(@ForAll String value) {
    String written = "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    assertThat(DataParser.parse("param.x:" + written).values()).isEqualTo(Map.of("param.x", value));
  }

  @Provide
  Arbitrary<String> dataLike() {
    Arbitrary<String> pieces =
        Arbitraries.oneOf(
            Arbitraries.of(
                "param.port",
                ":",
                "'",
                "\"",
                "\\",
                " ",
                "\t",
                "\n",
                "instance.",
                "8080",
                "$(rm -rf /)",
                "a b",
                "::",
                "x:'y",
                "\\\"",
                ""),
            Arbitraries.strings().ofMaxLength(6));
    return pieces.list().ofMaxSize(12).map(list -> String.join("", list));
  }
}
