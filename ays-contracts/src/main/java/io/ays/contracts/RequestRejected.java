package io.ays.contracts;

import java.util.List;

/**
 * A request was not accepted: unreadable, invalid, or impossible (missing {@code @ASK} answers, a
 * dependency cycle, an unknown template). Sent on {@code ays.service-events} with the request's key
 * so that its sender sees why; its {@code causationid} is the request's id when that could be read.
 *
 * @param requestKey the Kafka key of the rejected message; null if it had none
 * @param requestId the id of the rejected message; null if it could not be read
 * @param requestType the {@code type} it claimed, as written (may be unknown); null if unreadable
 * @param reason one sentence for people
 * @param problems each field at fault; may be empty when the reason says it all
 */
public record RequestRejected(
    String requestKey, String requestId, String requestType, String reason, List<Problem> problems)
    implements EventPayload {

  public RequestRejected {
    Fields.requiredText(reason, "reason");
    problems = Fields.list(problems, "problems");
  }

  @Override
  public String subject() {
    return requestKey;
  }
}
