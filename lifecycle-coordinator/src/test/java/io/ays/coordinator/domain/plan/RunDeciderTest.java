package io.ays.coordinator.domain.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.ays.contracts.ExecutionRole;
import io.ays.contracts.Phase;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every move {@link RunDecider} makes, one table row each: a run's steps as the coordinator stored
 * them, and the decision that must come out (which step to send, wait for or fail on, and which
 * conditional steps it skips on the way). The coordinator sends and persists exactly what this
 * decides, so a wrong row here is a run that stops, restarts or halts the wrong service.
 */
class RunDeciderTest {

  private static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");
  private final RunDecider decider = new RunDecider();

  // Steps on two nodes: "n1" (the node) and "m" (the management location).
  private static final PlannedStep CHECK = step(1, "n1", Phase.CHECK_UP, StepCondition.ALWAYS);
  private static final PlannedStep STOP_IF_UP = step(2, "n1", Phase.STOP, StepCondition.IF_UP);
  private static final PlannedStep START_IF_DOWN =
      step(3, "n1", Phase.START, StepCondition.IF_DOWN);
  private static final PlannedStep CONFIGURE = step(4, "n1", Phase.CONFIGURE, StepCondition.ALWAYS);
  private static final PlannedStep MGMT_STOP_IF_UP =
      new PlannedStep(
          5, "m", ExecutionRole.MANAGEMENT, Phase.STOP, StepCondition.IF_UP, CheckExpectation.NONE);

  static Stream<Arguments> decisions() {
    return Stream.of(
        row("an empty plan succeeds at once", List.of(), null, new Decision.Succeed(List.of())),
        row(
            "the first pending step is dispatched",
            List.of(pending(CHECK), pending(CONFIGURE)),
            null,
            new Decision.Dispatch(CHECK, List.of())),
        row(
            "succeeded and skipped steps are passed over",
            List.of(done(CHECK, true), state(STOP_IF_UP, StepStatus.SKIPPED), pending(CONFIGURE)),
            null,
            new Decision.Dispatch(CONFIGURE, List.of())),
        row(
            "a running step makes the run wait, even with pending steps after it",
            List.of(done(CHECK, true), state(STOP_IF_UP, StepStatus.RUNNING), pending(CONFIGURE)),
            null,
            new Decision.Wait(STOP_IF_UP, List.of())),
        row(
            "a failed step fails the run with its reason",
            List.of(failed(CHECK, "check_up on n1: timed out"), pending(CONFIGURE)),
            null,
            new Decision.Fail(CHECK, "check_up on n1: timed out", List.of())),
        row(
            "every step done: the run succeeds",
            List.of(done(CHECK, false), state(STOP_IF_UP, StepStatus.SKIPPED), done(CONFIGURE)),
            null,
            new Decision.Succeed(List.of())),
        row(
            "service up: the if-up step runs",
            List.of(done(CHECK, true), pending(STOP_IF_UP), pending(START_IF_DOWN)),
            null,
            new Decision.Dispatch(STOP_IF_UP, List.of())),
        row(
            "service up: the if-down step is skipped and the next one dispatched",
            List.of(
                done(CHECK, true), done(STOP_IF_UP), pending(START_IF_DOWN), pending(CONFIGURE)),
            null,
            new Decision.Dispatch(CONFIGURE, List.of(START_IF_DOWN))),
        row(
            "service down: the if-up step is skipped, the if-down step runs",
            List.of(done(CHECK, false), pending(STOP_IF_UP), pending(START_IF_DOWN)),
            null,
            new Decision.Dispatch(START_IF_DOWN, List.of(STOP_IF_UP))),
        row(
            "no check answer (the node had no opinion) counts as down",
            List.of(done(CHECK, null), pending(STOP_IF_UP), pending(START_IF_DOWN)),
            null,
            new Decision.Dispatch(START_IF_DOWN, List.of(STOP_IF_UP))),
        row(
            "no check before the step: if-up is skipped, if-down runs",
            List.of(pending(STOP_IF_UP), pending(START_IF_DOWN)),
            null,
            new Decision.Dispatch(START_IF_DOWN, List.of(STOP_IF_UP))),
        row(
            "a check of another node and role does not steer the step",
            List.of(done(CHECK, true), pending(MGMT_STOP_IF_UP)),
            null,
            new Decision.Succeed(List.of(MGMT_STOP_IF_UP))),
        row(
            "a skipped check does not count as an answer: the earlier one steers",
            List.of(
                done(CHECK, true),
                done(STOP_IF_UP),
                state(step(6, "n1", Phase.CHECK_UP, StepCondition.ALWAYS), StepStatus.SKIPPED),
                pending(step(7, "n1", Phase.START, StepCondition.IF_UP))),
            null,
            new Decision.Dispatch(step(7, "n1", Phase.START, StepCondition.IF_UP), List.of())),
        row(
            "the latest check wins over an earlier one",
            List.of(
                done(CHECK, true),
                done(STOP_IF_UP),
                done(step(6, "n1", Phase.CHECK_UP, StepCondition.ALWAYS), false),
                pending(step(7, "n1", Phase.START, StepCondition.IF_DOWN))),
            null,
            new Decision.Dispatch(step(7, "n1", Phase.START, StepCondition.IF_DOWN), List.of())),
        row(
            "skipped steps before a failure are reported with it",
            List.of(
                done(CHECK, false), pending(STOP_IF_UP), failed(CONFIGURE, "configure: exit 1")),
            null,
            new Decision.Fail(CONFIGURE, "configure: exit 1", List.of(STOP_IF_UP))),
        row(
            "skipped steps at the end are reported with the success",
            List.of(done(CHECK, false), done(CONFIGURE), pending(MGMT_STOP_IF_UP)),
            null,
            new Decision.Succeed(List.of(MGMT_STOP_IF_UP))),
        row(
            "a retry not due yet makes the run wait",
            List.of(done(CHECK, true), retry(CONFIGURE, NOW.plusSeconds(30))),
            NOW,
            new Decision.Wait(CONFIGURE, List.of())),
        row(
            "a retry due now is dispatched",
            List.of(done(CHECK, true), retry(CONFIGURE, NOW)),
            NOW,
            new Decision.Dispatch(CONFIGURE, List.of())),
        row(
            "a retry whose time has passed is dispatched",
            List.of(done(CHECK, true), retry(CONFIGURE, NOW.minusSeconds(1))),
            NOW,
            new Decision.Dispatch(CONFIGURE, List.of())),
        row(
            "without a clock every retry is due",
            List.of(done(CHECK, true), retry(CONFIGURE, NOW.plusSeconds(30))),
            null,
            new Decision.Dispatch(CONFIGURE, List.of())),
        row(
            "a skipped conditional step never waits for its retry time",
            List.of(done(CHECK, false), retry(STOP_IF_UP, NOW.plusSeconds(30)), pending(CONFIGURE)),
            NOW,
            new Decision.Dispatch(CONFIGURE, List.of(STOP_IF_UP))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("decisions")
  void decides(String rule, List<StepState> states, Instant now, Decision expected) {
    Decision decision = now == null ? decider.decide(states) : decider.decide(states, now);
    assertThat(decision).as(rule).isEqualTo(expected);
  }

  static Stream<Arguments> checks() {
    return Stream.of(
        check(CheckExpectation.NONE, true, null),
        check(CheckExpectation.NONE, false, null),
        check(CheckExpectation.NONE, null, null),
        check(CheckExpectation.UP, true, null),
        check(CheckExpectation.UP, false, "check_up on n1: the service is not up"),
        check(CheckExpectation.UP, null, null),
        check(CheckExpectation.DOWN, false, null),
        check(
            CheckExpectation.DOWN, true, "check_up on n1: the service is still running after halt"),
        check(CheckExpectation.DOWN, null, null));
  }

  @ParameterizedTest(name = "expect {0}, answer up={1}: {2}")
  @MethodSource("checks")
  void judgesACheckAgainstItsExpectation(CheckExpectation expect, Boolean up, String reason) {
    PlannedStep check =
        new PlannedStep(1, "n1", ExecutionRole.NODE, Phase.CHECK_UP, StepCondition.ALWAYS, expect);
    assertThat(decider.judgeCheck(check, up)).isEqualTo(reason);
  }

  static Stream<Arguments> startsToRepeat() {
    PlannedStep start = step(9, "n1", Phase.START, StepCondition.ALWAYS);
    PlannedStep checkUp = expecting(10, "n1", CheckExpectation.UP);
    PlannedStep checkElsewhere = expecting(10, "n2", CheckExpectation.UP);
    PlannedStep checkAnything = expecting(10, "n1", CheckExpectation.NONE);
    PlannedStep configure = step(9, "n1", Phase.CONFIGURE, StepCondition.ALWAYS);
    return Stream.of(
        repeat("down after its start: start again", List.of(done(start)), checkUp, false, 9),
        repeat("up after all: nothing to repeat", List.of(done(start)), checkUp, true, -1),
        repeat("no answer: nothing to repeat", List.of(done(start)), checkUp, null, -1),
        repeat(
            "a check that expects nothing: nothing to repeat",
            List.of(done(start)),
            checkAnything,
            false,
            -1),
        repeat(
            "the start was skipped: nothing to repeat",
            List.of(state(start, StepStatus.SKIPPED)),
            checkUp,
            false,
            -1),
        repeat(
            "the step before is not a start: nothing to repeat",
            List.of(done(configure)),
            checkUp,
            false,
            -1),
        repeat(
            "the start ran on another node: nothing to repeat",
            List.of(done(start)),
            checkElsewhere,
            false,
            -1));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("startsToRepeat")
  void startsAgainAServiceThatDiedAfterItsStart(
      String rule, List<StepState> before, PlannedStep check, Boolean up, int expected) {
    assertThat(decider.startToRepeat(before, check, up)).isEqualTo(expected);
  }

  private static Arguments repeat(
      String rule, List<StepState> before, PlannedStep check, Boolean up, int expected) {
    return Arguments.of(rule, before, check, up, expected);
  }

  private static PlannedStep expecting(int seq, String node, CheckExpectation expect) {
    return new PlannedStep(
        seq, node, ExecutionRole.NODE, Phase.CHECK_UP, StepCondition.ALWAYS, expect);
  }

  private static Arguments row(
      String rule, List<StepState> states, Instant now, Decision expected) {
    return Arguments.of(rule, new ArrayList<>(states), now, expected);
  }

  private static Arguments check(CheckExpectation expect, Boolean up, String reason) {
    return Arguments.of(expect, up, reason);
  }

  private static PlannedStep step(int seq, String node, Phase phase, StepCondition when) {
    return new PlannedStep(seq, node, ExecutionRole.NODE, phase, when, CheckExpectation.NONE);
  }

  private static StepState pending(PlannedStep step) {
    return StepState.pending(step);
  }

  private static StepState state(PlannedStep step, StepStatus status) {
    return new StepState(step, status, null, null);
  }

  private static StepState done(PlannedStep step) {
    return new StepState(step, StepStatus.SUCCEEDED, null, null);
  }

  private static StepState done(PlannedStep step, Boolean up) {
    return new StepState(step, StepStatus.SUCCEEDED, up, null);
  }

  private static StepState failed(PlannedStep step, String reason) {
    return new StepState(step, StepStatus.FAILED, null, reason);
  }

  private static StepState retry(PlannedStep step, Instant notBefore) {
    return new StepState(step, StepStatus.PENDING, null, "attempt 1 failed", notBefore);
  }
}
