package io.ays.coordinator.domain;

import io.ays.contracts.Problem;
import java.util.List;

/** Why a request cannot be carried out: a summary and every problem found. */
public record Rejection(String reason, List<Problem> problems) {

  public static Rejection of(String field, String message) {
    return new Rejection(message, List.of(new Problem(field, message)));
  }
}
