package io.ays.cli.rest;

import com.fasterxml.jackson.databind.JsonNode;

/** A service's answer: the HTTP status and the JSON body (a null node when it had none). */
public record HttpAnswer(int status, JsonNode body) {

  public boolean ok() {
    return status >= 200 && status < 300;
  }

  /** The {@code reason} AYS services put in error bodies, or the status alone. */
  public String reason() {
    if (body != null && body.hasNonNull("reason")) {
      return body.get("reason").asText();
    }
    if (body != null && body.isTextual()) {
      return body.asText();
    }
    return "HTTP " + status;
  }
}
