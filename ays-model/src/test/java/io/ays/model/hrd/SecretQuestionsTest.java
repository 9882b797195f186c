package io.ays.model.hrd;

import static org.assertj.core.api.Assertions.assertThat;

import io.ays.model.template.Template;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SecretQuestionsTest {

  private static final String INSTANCE_HRD =
      """
      param.password = @ASK type:password descr:'admin password'
      param.token = @ASK type:str secret:true regex:'[a-z]+' name:apitoken
      param.pin = @ASK type:int secret:yes default:1234
      param.user = @ASK type:str default:admin
      param.open = @ASK type:str secret:false default:x
      """;

  @Test
  void passwordQuestionsAndQuestionsMarkedSecretAreSecret() {
    List<String> problems = new ArrayList<>();
    AskSchema schema = AskSchema.of(new HrdParser().parse(INSTANCE_HRD, "instance.hrd"), problems);
    assertThat(problems).isEmpty();
    assertThat(schema.parameter("param.password").orElseThrow().secret()).isTrue();
    assertThat(schema.parameter("param.token").orElseThrow().secret()).isTrue();
    assertThat(schema.parameter("param.pin").orElseThrow().secret()).isTrue();
    assertThat(schema.parameter("param.user").orElseThrow().secret()).isFalse();
    assertThat(schema.parameter("param.open").orElseThrow().secret()).isFalse();
  }

  @Test
  void aTemplateNamesItsSecretKeysAndTheirAliases() {
    Template template = Template.fromHrd("test", "app", "", INSTANCE_HRD);
    assertThat(template.secretKeys())
        .containsExactly("apitoken", "param.password", "param.pin", "param.token");
  }

  @Test
  void aSecretAnswerIsNeverQuotedInAProblem() {
    AskSchema schema =
        AskSchema.of(new HrdParser().parse(INSTANCE_HRD, "instance.hrd"), new ArrayList<>());
    AnswerCheck check =
        schema.validate(
            Map.of("param.password", "p", "param.token", "Not-Lower-7", "param.pin", "x9y8z7"));
    assertThat(check.problems()).hasSize(2);
    assertThat(check.problems().toString()).doesNotContain("Not-Lower-7").doesNotContain("x9y8z7");
  }

  @Test
  void aSecretOptionThatIsNotABooleanIsAProblem() {
    List<String> problems = new ArrayList<>();
    AskSchema.of(
        new HrdParser().parse("param.p = @ASK type:str secret:maybe", "instance.hrd"), problems);
    assertThat(problems).singleElement().asString().contains("secret");
  }
}
