package io.ays.cli.deadletter;

import com.fasterxml.jackson.databind.JsonNode;
import io.ays.cli.output.JsonOutput;
import io.ays.contracts.DeadLetter;
import io.ays.contracts.Topics;
import io.ays.contracts.secrets.SecretBox;
import java.util.Iterator;
import java.util.Optional;

/**
 * Whether a dead letter may be sent again as it is, and if not, why. Only requests are replayed:
 * every other topic is written by one principal (the coordinator's commands, an executor's results,
 * health and heartbeats, the registry's templates) whom an operator must not stand in for. A
 * request is sent again only if its dead letter kept it whole: not cut, not left out for its size,
 * and no answer masked (a masked value would be sent as the answer).
 */
public final class Replayability {

  private Replayability() {}

  /** Why {@code stored} cannot be replayed; empty if it can. A replay done before is not a why. */
  public static Optional<String> whyNot(StoredDeadLetter stored) {
    DeadLetter letter = stored.letter();
    if (!Topics.REQUESTS.equals(letter.originalTopic())) {
      return Optional.of(
          "it came from "
              + letter.originalTopic()
              + ", which only an AYS service writes; only requests ("
              + Topics.REQUESTS
              + ") are replayed");
    }
    if (letter.payload().isEmpty()) {
      return Optional.of("its dead letter kept no payload");
    }
    if (letter.truncated()) {
      return Optional.of(
          "its payload was cut to "
              + DeadLetter.MAX_PAYLOAD_CHARS
              + " characters of "
              + letter.payloadBytes()
              + " bytes");
    }
    if (hasMaskedAnswers(letter.payload())) {
      return Optional.of(
          "its answers were masked when it was dead-lettered (they may hold secrets);"
              + " send the request again with its answers (ays install NAME --data ...)");
    }
    return Optional.empty();
  }

  private static boolean hasMaskedAnswers(String payload) {
    JsonNode root;
    try {
      root = JsonOutput.mapper().readTree(payload);
    } catch (Exception e) {
      // Not JSON: RequestRedaction kept only a note of its length instead of it.
      return payload.startsWith("(not JSON");
    }
    return masked(root.path("data").path("answers")) || masked(root.path("answers"));
  }

  private static boolean masked(JsonNode answers) {
    for (Iterator<JsonNode> values = answers.elements(); values.hasNext(); ) {
      if (SecretBox.MASK.equals(values.next().asText())) {
        return true;
      }
    }
    return false;
  }
}
