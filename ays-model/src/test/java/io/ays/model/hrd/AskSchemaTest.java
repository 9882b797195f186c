package io.ays.model.hrd;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

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
    AskParameter port = schema.parameters().get(0);
    assertThat(port.key()).isEqualTo("param.port");
    assertThat(port.type()).isEqualTo(AskType.INT);
    assertThat(port.defaultValue()).isEqualTo("8080");
    assertThat(port.minValue()).isEqualTo(1024.0);
    assertThat(port.maxValue()).isEqualTo(65535.0);
    assertThat(port.description()).isEqualTo("port");
    assertThat(schema.parameters().get(2).dropdownValues()).containsExactly("fast", "safe");
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
  void aMalformedQuestionIsAProblemWithFileAndLine() {
    List<String> found = new ArrayList<>();
    AskSchema.of(new HrdParser().parse("a = 1\nb = @ASK type:weird\n", "i.hrd"), found);
    assertThat(found)
        .singleElement()
        .asString()
        .startsWith("i.hrd:2: b: unknown @ASK type 'weird'");
  }
}
