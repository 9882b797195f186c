package io.ays.cli.rest;

import com.fasterxml.jackson.databind.JsonNode;

/** A service's answer: the HTTP status and the JSON body (a null node when it had none). */
public record HttpAnswer(int status, JsonNode body) {

  public boolean ok() {
    return status >= 200 && status < 300;
  }

  /**
   * What went wrong: the {@code detail} of the RFC 9457 problem details every AYS service answers
   * an error with (else its {@code title}), or the status alone.
   */
  public String reason() {
    if (body != null && body.hasNonNull("detail")) {
      return body.get("detail").asText();
    }
    if (body != null && body.hasNonNull("title")) {
      return body.get("title").asText();
    }
    if (body != null && body.isTextual()) {
      return body.asText();
    }
    return "HTTP " + status;
  }
}
