package io.ays.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PayloadRulesTest {

  @Test
  void phasesAreTheActionsOfTheReferencePlusFetch() {
    assertThat(Arrays.stream(Phase.values()).map(Phase::actionName))
        .containsExactly(
            "init",
            "prepare",
            "fetch",
            "configure",
            "start",
            "stop",
            "halt",
            "check_up",
            "check_down",
            "check_requirements",
            "monitor",
            "cleanup",
            "data_export",
            "data_import",
            "install",
            "uninstall",
            "removedata",
            "test",
            "build");
    assertThat(Phase.fromActionName("check_down")).isEqualTo(Phase.CHECK_DOWN);
    assertThat(Phase.FETCH.overridable()).isFalse();
    assertThat(Phase.BUILD.templateLevel()).isTrue();
  }

  @Test
  void everyRequestActionHasItsOwnRequestType() {
    for (RequestAction action : RequestAction.values()) {
      assertThat(action.eventType().type())
          .isEqualTo("ays.request." + action.name().toLowerCase() + ".v1");
      assertThat(action.eventType().payloadClass()).isEqualTo(ServiceRequest.class);
      assertThat(RequestAction.of(action.eventType())).contains(action);
    }
    assertThat(RequestAction.of(EventType.RESULT_PHASE)).isEmpty();
  }

  @Test
  void aSuccessfulCheckMustSayWhetherTheServiceIsUp() {
    assertThatThrownBy(
            () ->
                PhaseResult.of(
                    Examples.command(),
                    PhaseOutcome.SUCCEEDED,
                    0,
                    null,
                    null,
                    null,
                    Examples.T0,
                    5))
        .hasMessage("up: required when check_up succeeded");
  }

  @Test
  void aFailureMustSayWhy() {
    assertThatThrownBy(
            () ->
                PhaseResult.of(
                    Examples.command(), PhaseOutcome.FAILED, 1, null, " ", null, Examples.T0, 5))
        .hasMessage("message: must not be blank");
    assertThatThrownBy(
            () ->
                new RunFinished(
                    Examples.RUN,
                    Examples.KEY,
                    RequestAction.STOP,
                    RunOutcome.FAILED,
                    null,
                    null,
                    null,
                    5L))
        .hasMessage("reason: required");
  }

  @Test
  void outputTailsKeepTheEnd() {
    String output = "x".repeat(PhaseResult.MAX_OUTPUT_TAIL) + "the last line";

    PhaseResult result =
        PhaseResult.of(
            Examples.command(), PhaseOutcome.FAILED, 1, null, "boom", output, Examples.T0, 5);

    assertThat(result.outputTail()).hasSize(PhaseResult.MAX_OUTPUT_TAIL).endsWith("the last line");
  }

  @Test
  void aCommandRunsAVersionOfTheInstancesOwnTemplate() {
    PhaseCommand command = Examples.command();

    assertThatThrownBy(
            () ->
                new PhaseCommand(
                    command.commandId(),
                    command.runId(),
                    command.step(),
                    command.attempt(),
                    InstanceKey.parse("_ays/redis/main"),
                    command.node(),
                    command.role(),
                    command.phase(),
                    command.template(),
                    command.config(),
                    command.timeoutSeconds(),
                    command.deadline()))
        .hasMessageStartingWith("template: is _ays/mongodb but the instance _ays/redis/main");
  }

  @Test
  void requestsDefaultTheInstanceAndCopyTheAnswers() {
    Map<String, Object> answers = new HashMap<>(Map.of("param.port", 1));
    ServiceRequest request =
        new ServiceRequest("_ays", "demo", null, null, answers, false, false, false, null, null);
    answers.put("param.port", 2);

    assertThat(request.instance()).isEqualTo("main");
    assertThat(request.answers()).containsEntry("param.port", 1);
    assertThatThrownBy(() -> request.answers().put("x", 1))
        .isInstanceOf(UnsupportedOperationException.class);

    Map<String, Object> withNull = new HashMap<>();
    withNull.put("param.port", null);
    assertThatThrownBy(
            () ->
                new ServiceRequest(
                    "_ays", "demo", null, null, withNull, false, false, false, null, null))
        .hasMessage("answers[\"param.port\"]: must not be null");
  }

  @Test
  void templateFilesKeepBinaryContentExactly() {
    byte[] bytes = {0, (byte) 0xff, 0x10, (byte) 0x80};

    TemplateFile binary = TemplateFile.of(bytes, true);
    TemplateFile text = TemplateFile.of("echo hi\n".getBytes(), false);

    assertThat(binary.encoding()).isEqualTo(FileEncoding.BASE64);
    assertThat(binary.bytes()).isEqualTo(bytes);
    assertThat(text.encoding()).isEqualTo(FileEncoding.TEXT);
    assertThat(text.content()).isEqualTo("echo hi\n");
    assertThatThrownBy(() -> new TemplateFile(FileEncoding.BASE64, "not base64!", false))
        .hasMessageStartingWith("content: not valid base64");
  }

  @Test
  void deadLettersCutTheirPayloadAndSaySo() {
    String raw = "é".repeat(DeadLetter.MAX_PAYLOAD_CHARS + 10);

    DeadLetter letter =
        DeadLetter.of(
            "ays.requests",
            2,
            40L,
            null,
            "lifecycle-coordinator",
            "message is too big",
            null,
            null,
            raw,
            Examples.T0,
            null);

    assertThat(letter.originalHeaders()).isEmpty();
    assertThat(letter.payload()).hasSize(DeadLetter.MAX_PAYLOAD_CHARS);
    assertThat(letter.truncated()).isTrue();
    assertThat(letter.payloadBytes()).isEqualTo(2L * raw.length());
    assertThat(letter.subject()).isNull();
  }

  @Test
  void aDeadLetterCarriesTheCodecsReasonAndWhatItCouldRead() {
    String raw = "{\"id\":\"m1\",\"type\":\"ays.request.install.v1\",\"specversion\":\"1.0\"}";
    InvalidEventException problem;
    try {
      new EventCodec().decode(raw);
      throw new AssertionError("expected a failure");
    } catch (InvalidEventException e) {
      problem = e;
    }

    DeadLetter letter =
        DeadLetter.of(
            "ays.requests",
            0,
            7L,
            "_ays/demo/main",
            "lifecycle-coordinator",
            problem,
            raw,
            Examples.T0);

    assertThat(letter.reason()).isEqualTo("source: required");
    assertThat(letter.originalId()).isEqualTo("m1");
    assertThat(letter.originalType()).isEqualTo("ays.request.install.v1");
    assertThat(letter.truncated()).isFalse();
    assertThat(List.of(letter.subject())).containsExactly("_ays/demo/main");
  }
}
