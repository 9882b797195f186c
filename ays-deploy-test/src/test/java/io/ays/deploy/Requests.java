package io.ays.deploy;

import java.time.Instant;
import java.util.UUID;

/** A request on {@code ays.requests} as a user's own producer writes it: one CloudEvent in JSON. */
final class Requests {

  private Requests() {}

  /** The request {@code ays.request.<action>.v1} for instance {@code key}, from {@code source}. */
  static String json(String source, String action, String key, String data) {
    return "{\"specversion\":\"1.0\",\"id\":\""
        + UUID.randomUUID()
        + "\",\"source\":\""
        + source
        + "\",\"type\":\"ays.request."
        + action
        + ".v1\",\"subject\":\""
        + key
        + "\",\"time\":\""
        + Instant.now()
        + "\",\"datacontenttype\":\"application/json\",\"data\":"
        + data
        + "}";
  }
}
