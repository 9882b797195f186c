package io.ays.cli.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DataParserTest {

  @Test
  void readsPairsSeparatedByWhiteSpaceInOrder() {
    assertThat(DataParser.parse("param.port:8090  param.name:web\tparam.debug:true").values())
        .containsExactly(
            java.util.Map.entry("param.port", "8090"),
            java.util.Map.entry("param.name", "web"),
            java.util.Map.entry("param.debug", "true"));
  }

  @Test
  void splitsAtTheFirstColonSoValuesMayHoldColons() {
    assertThat(DataParser.parse("param.url:http://h:80/x").values())
        .containsEntry("param.url", "http://h:80/x");
  }

  @Test
  void quotedValuesHoldSpaces() {
    assertThat(DataParser.parse("a:'hello world' b:\"x y:z\" c:''").values())
        .containsEntry("a", "hello world")
        .containsEntry("b", "x y:z")
        .containsEntry("c", "");
  }

  @Test
  void doubleQuotesEscapeQuoteAndBackslash() {
    assertThat(DataParser.parse("a:\"say \\\"hi\\\" \\\\ \\n\"").values())
        .containsEntry("a", "say \"hi\" \\ \\n");
  }

  @Test
  void theInstancePrefixIsOptional() {
    assertThat(DataParser.parse("instance.param.port:1").values()).containsOnlyKeys("param.port");
  }

  @Test
  void emptyInputIsNoAnswers() {
    assertThat(DataParser.parse("   ").values()).isEmpty();
  }

  @Test
  void anEmptyUnquotedValueIsAnEmptyString() {
    assertThat(DataParser.parse("a: b:1").values()).containsEntry("a", "").containsEntry("b", "1");
  }

  @Test
  void aPairWithoutColonIsNamed() {
    assertThatThrownBy(() -> DataParser.parse("a:1 oops b:2"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("'oops' has no ':'");
  }

  @Test
  void anEmptyKeyIsNamed() {
    assertThatThrownBy(() -> DataParser.parse("a:1 :2"))
        .hasMessage("':2' has an empty key (expected key:value)");
  }

  @Test
  void anUnclosedQuoteNamesTheKey() {
    assertThatThrownBy(() -> DataParser.parse("a:1 name:'hello world"))
        .hasMessage("value of 'name' has no closing ' quote");
  }

  @Test
  void textAfterAClosingQuoteIsAnError() {
    assertThatThrownBy(() -> DataParser.parse("name:'a b'c"))
        .hasMessage("value of 'name': text right after the closing quote: 'c'");
  }

  @Test
  void aKeyGivenTwiceIsNamed() {
    assertThatThrownBy(() -> DataParser.parse("param.port:1 instance.param.port:2"))
        .hasMessage("'param.port' is given twice");
  }

  @Test
  void theConverterTurnsErrorsIntoUsageErrors() {
    assertThatThrownBy(() -> new DataParser().convert("x"))
        .isInstanceOf(picocli.CommandLine.TypeConversionException.class)
        .hasMessageContaining("'x' has no ':'");
  }
}
