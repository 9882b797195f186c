package io.ays.contracts.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RequestRedactionTest {

  @Test
  void everyAnswerOfARequestIsMaskedAndTheRestKept() {
    String masked =
        RequestRedaction.masked(
            "{\"id\":\"r1\",\"type\":\"ays.request.install.v1\",\"data\":{\"domain\":\"d\","
                + "\"name\":\"n\",\"answers\":{\"param.password\":\"hunter2\",\"param.port\":80}}}");
    assertThat(masked)
        .doesNotContain("hunter2")
        .contains("\"param.password\":\"***\"", "\"param.port\":\"***\"", "\"id\":\"r1\"");
  }

  @Test
  void theAnswersOfABinaryModeRequestWhoseValueIsOnlyTheDataAreMasked() {
    String masked =
        RequestRedaction.masked(
            "{\"domain\":\"d\",\"name\":\"n\",\"answers\":{\"param.password\":\"hunter2\"}}");
    assertThat(masked).doesNotContain("hunter2").contains("\"param.password\":\"***\"");
  }

  @Test
  void everyConfigValueOfACommandIsMasked() {
    String masked =
        RequestRedaction.maskedCommand(
            "{\"id\":\"c1\",\"data\":{\"phase\":\"START\",\"config\":"
                + "{\"instance.param.password\":\"hunter2\",\"service.process.1\":{\"args\":\"x\"}}}}");
    assertThat(masked)
        .doesNotContain("hunter2")
        .contains("\"phase\":\"START\"", "\"service.process.1\":\"***\"");
  }

  @Test
  void aPayloadThatIsNotJsonIsNotKept() {
    assertThat(RequestRedaction.masked("{\"answers\":{\"p\":\"hunter2\""))
        .doesNotContain("hunter2");
    assertThat(RequestRedaction.masked("[\"hunter2\"]")).doesNotContain("hunter2");
  }

  @Test
  void aRequestWithoutAnswersIsKeptAsItWas() {
    assertThat(RequestRedaction.masked("{\"id\":\"r1\",\"data\":{\"name\":\"n\"}}"))
        .isEqualTo("{\"id\":\"r1\",\"data\":{\"name\":\"n\"}}");
  }
}
