package io.ays.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class EventFactoryTest {

  private final EventFactory cli = Examples.factory("cli");
  private final EventFactory coordinator = Examples.factory("lifecycle-coordinator");

  @Test
  void aRequestStartsItsOwnChain() {
    CloudEvent<ServiceRequest> request =
        cli.create(EventType.REQUEST_INSTALL, Examples.installRequest());

    assertThat(UUID.fromString(request.id())).isNotNull();
    assertThat(request.source()).isEqualTo("/ays/cli");
    assertThat(request.time()).isEqualTo(Examples.T0);
    assertThat(request.correlationId()).isEqualTo(request.id());
    assertThat(request.causationId()).isNull();
    assertThat(request.subject()).isEqualTo("_ays/mongodb/main");
  }

  @Test
  void eventsCausedByAnotherKeepTheCorrelationAndPointAtTheirCause() {
    CloudEvent<ServiceRequest> request =
        cli.create(EventType.REQUEST_INSTALL, Examples.installRequest());
    CloudEvent<PhaseCommand> command =
        coordinator.causedBy(request, EventType.COMMAND_PHASE, Examples.command());
    CloudEvent<PhaseResult> result =
        Examples.factory("node-executor/node7")
            .causedBy(command, EventType.RESULT_PHASE, Examples.result());

    assertThat(command.correlationId()).isEqualTo(request.id());
    assertThat(command.causationId()).isEqualTo(request.id());
    assertThat(result.correlationId()).isEqualTo(request.id());
    assertThat(result.causationId()).isEqualTo(command.id());
    assertThat(command.id()).isNotEqualTo(request.id()).isNotEqualTo(result.id());
  }

  @Test
  void aRejectionOfAnUnreadableMessageStillPointsAtWhatCouldBeRead() {
    InvalidEventException problem =
        catchInvalid(
            "{\"id\":\"abc\",\"type\":\"ays.request.instal.v1\",\"correlationid\":\"r0\"}");
    RequestRejected rejection =
        new RequestRejected(
            "_ays/demo/main",
            problem.eventId(),
            problem.eventType(),
            problem.getMessage(),
            java.util.List.of(problem.asProblem()));

    CloudEvent<RequestRejected> event =
        coordinator.causedBy(
            problem.eventId(), problem.correlationId(), EventType.REQUEST_REJECTED, rejection);

    assertThat(event.causationId()).isEqualTo("abc");
    assertThat(event.correlationId()).isEqualTo("r0");
    assertThat(event.data().problems()).containsExactly(new Problem("specversion", "required"));
  }

  @Test
  void anEventMustCarryThePayloadOfItsType() {
    assertThatThrownBy(() -> cli.create(EventType.REQUEST_INSTALL, Examples.command()))
        .hasMessage("data: ays.request.install.v1 carries ServiceRequest, not PhaseCommand");
  }

  @Test
  void aConsumerSeesThePayloadClassItSwitchedTo() {
    CloudEvent<?> event = cli.create(EventType.REQUEST_INSTALL, Examples.installRequest());

    assertThat(event.as(ServiceRequest.class).data().name()).isEqualTo("mongodb");
    assertThatThrownBy(() -> event.as(PhaseResult.class)).isInstanceOf(ClassCastException.class);
  }

  private static InvalidEventException catchInvalid(String json) {
    try {
      new EventCodec().decode(json);
      throw new AssertionError("expected a failure");
    } catch (InvalidEventException e) {
      return e;
    }
  }
}
