package io.ays.cli.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class HttpAnswerTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void anErrorSaysTheDetailOfTheProblemDetails() throws Exception {
    HttpAnswer answer =
        new HttpAnswer(
            422,
            JSON.readTree(
                "{\"type\":\"about:blank\",\"title\":\"Unprocessable Content\",\"status\":422,"
                    + "\"detail\":\"unknown template demo/nope\",\"instance\":\"/requests/install\"}"));

    assertThat(answer.reason()).isEqualTo("unknown template demo/nope");
  }

  @Test
  void anErrorWithoutDetailSaysItsTitleOrStatus() throws Exception {
    assertThat(new HttpAnswer(404, JSON.readTree("{\"title\":\"Not Found\"}")).reason())
        .isEqualTo("Not Found");
    assertThat(new HttpAnswer(502, null).reason()).isEqualTo("HTTP 502");
  }
}
