package io.ays.model.hrd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class AskSchemaTest {

  private final List<String> problems = new ArrayList<>();
  private final AskSchema schema =
      AskSchema.of(
          new HrdParser()
              .parse(
                  """
                  param.port = @ASK type:int default:8080 minValue:1024 maxValue:65535 descr:'port'
                  param.name = @ASK type:str regex:'[a-z]+' descr:'name'
                  param.mode = @ASK type:dropdown dropdownvals:fast,safe default:safe
                  param.debug = @ASK type:bool default:false
                  param.ratio = @ASK type:float default:0.5
                  """,
                  "instance.hrd"),
          problems);

  @Test
  void parsesEveryOptionOfAQuestion() {
    assertThat(problems).isEmpty();
    AskParameter port = schema.parameter("param.port").orElseThrow();
    assertThat(port.key()).isEqualTo("param.port");
    assertThat(port.type()).isEqualTo(AskType.INT);
    assertThat(port.defaultValue()).isEqualTo("8080");
    assertThat(port.minValue()).isEqualTo(1024.0);
    assertThat(port.maxValue()).isEqualTo(65535.0);
    assertThat(port.description()).isEqualTo("port");
    assertThat(schema.parameter("instance.param.mode").orElseThrow().dropdownValues())
        .containsExactly("fast", "safe");
  }

  @Test
  void fillsDefaultsAndTypesAnswersGivenAsText() {
    AnswerCheck check = schema.validate(Map.of("param.name", "web", "instance.param.port", "9000"));
    assertThat(check.problems()).isEmpty();
    assertThat(check.values())
        .containsEntry("param.port", 9000L)
        .containsEntry("param.name", "web")
        .containsEntry("param.mode", "safe")
        .containsEntry("param.debug", false)
        .containsEntry("param.ratio", 0.5);
  }

  @Test
  void listsEveryProblemNotJustTheFirst() {
    AnswerCheck check =
        schema.validate(
            Map.of("param.port", "eighty", "param.mode", "turbo", "param.debug", "maybe"));
    assertThat(check.problems())
        .extracting(AnswerProblem::toString)
        .containsExactlyInAnyOrder(
            "param.port: expected an integer, got 'eighty'",
            "param.name: required: no answer given and no default (name)",
            "param.mode: 'turbo' is not one of [fast, safe]",
            "param.debug: expected true or false (or yes/no, 1/0), got 'maybe'");
  }

  @Test
  void checksRangesAndPatterns() {
    AnswerCheck check = schema.validate(Map.of("param.port", 80, "param.name", "Web1"));
    assertThat(check.problems())
        .extracting(AnswerProblem::toString)
        .containsExactlyInAnyOrder(
            "param.port: 80 is below the minimum 1024",
            "param.name: 'Web1' does not match the pattern [a-z]+");
  }

  @Test
  @Timeout(60) // without the limit, this match runs for hours (20 s at 30 characters, growing fast)
  void aPatternThatBacktracksWithoutEndIsCutOffAndNamedNotLeftRunning() {
    AskSchema evil =
        AskSchema.of(
            new HrdParser()
                .parse("param.id = @ASK type:str regex:'(.*a){20}' descr:'id'\n", "instance.hrd"),
            problems);

    AnswerCheck check = evil.validate(Map.of("param.id", "a".repeat(40) + "!"));

    assertThat(check.problems())
        .extracting(AnswerProblem::toString)
        .containsExactly(
            "param.id: the answer could not be checked against the pattern (.*a){20} within 1 s"
                + " (a pattern that backtracks without end?): refused");
  }

  @Test
  void aMalformedQuestionIsAProblemWithFileAndLine() {
    List<String> found = new ArrayList<>();
    AskSchema.of(new HrdParser().parse("a = 1\nb = @ASK type:weird\n", "i.hrd"), found);
    assertThat(found)
        .singleElement()
        .asString()
        .startsWith("i.hrd:2: b: unknown @ASK type 'weird'");
  }

  @Test
  void jsonTypedAnswersAreAcceptedAsIs() {
    AskSchema s =
        schemaOf(
            """
            n = @ASK type:int
            f = @ASK type:float
            b = @ASK type:bool
            l = @ASK type:list
            d = @ASK type:dict
            """);
    AnswerCheck check =
        s.validate(
            Map.of("n", 7, "f", 2, "b", true, "l", List.of("x", "y"), "d", Map.of("k", "v")));
    assertThat(check.problems()).isEmpty();
    assertThat(check.values())
        .containsEntry("n", 7L)
        .containsEntry("f", 2.0)
        .containsEntry("b", true)
        .containsEntry("l", List.of("x", "y"))
        .containsEntry("d", Map.of("k", "v"));
  }

  @Test
  void textAnswersFromTheCommandLineAreCoerced() {
    AskSchema s = schemaOf("l = @ASK type:list\nd = @ASK type:dict\nb = @ASK type:bool\n");
    AnswerCheck check = s.validate(Map.of("l", "a, b", "d", "k:v, n:2", "b", "yes"));
    assertThat(check.problems()).isEmpty();
    assertThat(check.values())
        .containsEntry("l", List.of("a", "b"))
        .containsEntry("d", Map.of("k", "v", "n", 2L))
        .containsEntry("b", true);
  }

  @Test
  void anEmptyDefaultOfANumberTypeStillRequiresAnAnswer() {
    AskSchema s = schemaOf("n = @ASK type:int default:''\ns = @ASK type:str default:''\n");
    assertThat(s.validate(Map.of()).problems()).extracting(AnswerProblem::key).containsExactly("n");
    assertThat(s.validate(Map.of("n", "1")).values()).containsEntry("s", "");
  }

  @Test
  void theNameOptionAlsoKeysTheAnswerAsInTheOriginal() {
    AskSchema s = schemaOf("param.key = @ASK type:str name:encryptionkey\n");
    assertThat(s.validate(Map.of("encryptionkey", "k1")).values()).containsEntry("param.key", "k1");
  }

  @Test
  void orThrowCarriesEveryProblem() {
    assertThatThrownBy(() -> schema.validate(Map.of("param.port", "x")).orThrow())
        .isInstanceOf(AnswerException.class)
        .hasMessageContaining("param.port: expected an integer")
        .hasMessageContaining("param.name: required")
        .extracting(e -> ((AnswerException) e).problems())
        .asList()
        .hasSize(2);
  }

  @Test
  void contradictoryOrIllFittingOptionsAreProblemsOfTheTemplate() {
    List<String> found = new ArrayList<>();
    AskSchema.of(
        new HrdParser()
            .parse(
                """
                a = @ASK type:dropdown
                b = @ASK type:int default:abc
                c = @ASK type:int minValue:10 maxValue:1
                d = @ASK regex:'[a-'
                """,
                "i.hrd"),
        found);
    assertThat(found)
        .containsExactly(
            "i.hrd:1: a: type dropdown needs dropdownvals (e.g. dropdownvals:a,b)",
            "i.hrd:2: b: default: expected an integer, got 'abc'",
            "i.hrd:3: c: minValue 10.0 is above maxValue 1.0",
            "i.hrd:4: d: regex '[a-' is not a valid pattern");
  }

  private static AskSchema schemaOf(String text) {
    List<String> found = new ArrayList<>();
    AskSchema s = AskSchema.of(new HrdParser().parse(text, "i.hrd"), found);
    assertThat(found).isEmpty();
    return s;
  }
}
