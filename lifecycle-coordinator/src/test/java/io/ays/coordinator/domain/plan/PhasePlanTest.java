package io.ays.coordinator.domain.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.ays.contracts.ExecutionRole;
import io.ays.contracts.Phase;
import io.ays.contracts.RequestAction;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PhasePlanTest {

  private final PhasePlanner planner = new PhasePlanner();
  private final RunDecider decider = new RunDecider();

  @Test
  void installRunsManagementActionsFirstThenTheNodesInTheSeedPagesOrder() {
    List<PlannedStep> plan =
        planner.plan(new PlanRequest(RequestAction.INSTALL, "mgmt", "node7", true, false));

    assertThat(plan.stream().filter(s -> s.role() == ExecutionRole.MANAGEMENT))
        .allMatch(s -> s.node().equals("mgmt"))
        .extracting(PlannedStep::phase)
        .containsExactly(
            Phase.INIT,
            Phase.PREPARE,
            Phase.CONFIGURE,
            Phase.CHECK_UP,
            Phase.STOP,
            Phase.CHECK_DOWN,
            Phase.HALT,
            Phase.CHECK_DOWN,
            Phase.START,
            Phase.CHECK_UP,
            Phase.MONITOR);
    assertThat(plan.stream().filter(s -> s.role() == ExecutionRole.NODE))
        .allMatch(s -> s.node().equals("node7"))
        .extracting(PlannedStep::phase)
        .containsExactly(
            Phase.INIT,
            Phase.PREPARE,
            Phase.FETCH,
            Phase.CONFIGURE,
            Phase.CHECK_UP,
            Phase.STOP,
            Phase.CHECK_DOWN,
            Phase.HALT,
            Phase.CHECK_DOWN,
            Phase.START,
            Phase.CHECK_UP,
            Phase.MONITOR);
    assertThat(plan.get(0).role()).isEqualTo(ExecutionRole.MANAGEMENT);
  }

  @Test
  void removedataStopsAndChecksDownBeforeTheDataGoes() {
    List<PlannedStep> plan =
        planner.plan(new PlanRequest(RequestAction.REMOVEDATA, "mgmt", "node7", false, false));

    assertThat(plan)
        .extracting(PlannedStep::phase, PlannedStep::when, PlannedStep::expect)
        .containsExactly(
            tuple(Phase.STOP, StepCondition.ALWAYS, CheckExpectation.NONE),
            tuple(Phase.CHECK_DOWN, StepCondition.ALWAYS, CheckExpectation.NONE),
            tuple(Phase.HALT, StepCondition.IF_UP, CheckExpectation.NONE),
            tuple(Phase.CHECK_DOWN, StepCondition.IF_UP, CheckExpectation.DOWN),
            tuple(Phase.REMOVEDATA, StepCondition.ALWAYS, CheckExpectation.NONE));
  }

  @Test
  void aStartAfterRemovedataOrResetRunsTheInstallPhasesFirst() {
    List<PlannedStep> plan =
        planner.plan(
            new PlanRequest(RequestAction.START, "mgmt", "node7", false, false, false, true));

    assertThat(plan)
        .extracting(PlannedStep::phase)
        .containsExactly(
            Phase.INIT,
            Phase.PREPARE,
            Phase.FETCH,
            Phase.CONFIGURE,
            Phase.CHECK_UP,
            Phase.START,
            Phase.CHECK_UP,
            Phase.MONITOR);
  }

  @Test
  void reinstallingARunningInstanceStopsItOnItsNodeWhateverCheckUpSays() {
    List<PlannedStep> plan =
        planner.plan(new PlanRequest(RequestAction.INSTALL, "mgmt", "node7", true, false, true));

    assertThat(plan)
        .filteredOn(s -> s.phase() == Phase.STOP)
        .extracting(PlannedStep::role, PlannedStep::when)
        .containsExactly(
            tuple(ExecutionRole.MANAGEMENT, StepCondition.IF_UP),
            tuple(ExecutionRole.NODE, StepCondition.ALWAYS));
  }

  @Test
  void managementChecksNeverFailTheRunBecauseNoProcessRunsThere() {
    List<PlannedStep> plan =
        planner.plan(new PlanRequest(RequestAction.INSTALL, "mgmt", "node7", true, false));
    assertThat(plan.stream().filter(s -> s.role() == ExecutionRole.MANAGEMENT))
        .allMatch(s -> s.expect() == CheckExpectation.NONE);
    assertThat(plan.stream().filter(s -> s.role() == ExecutionRole.NODE && s.isCheck()))
        .extracting(PlannedStep::expect)
        .contains(CheckExpectation.UP, CheckExpectation.DOWN);
  }

  @Test
  void installLeavesOutTheManagementSequenceWhenTheTemplateHasNoManagementActions() {
    List<PlannedStep> plan =
        planner.plan(new PlanRequest(RequestAction.INSTALL, "local", "local", false, false));
    assertThat(plan).allMatch(s -> s.role() == ExecutionRole.NODE);
  }

  @Test
  void aBuildIsOneBuildPhaseOnTheServicesNodeEvenWithManagementActions() {
    List<PlannedStep> plan =
        planner.plan(new PlanRequest(RequestAction.BUILD, "mgmt", "build7", true, false));
    assertThat(plan)
        .extracting(PlannedStep::phase, PlannedStep::node, PlannedStep::role)
        .containsExactly(tuple(Phase.BUILD, "build7", ExecutionRole.NODE));
  }

  @Test
  void aFreshInstallSkipsTheStopBranchAndStarts() {
    List<StepState> states = run(RequestAction.INSTALL, false, false);
    assertThat(phasesWith(states, StepStatus.SUCCEEDED))
        .containsExactly(
            Phase.INIT,
            Phase.PREPARE,
            Phase.FETCH,
            Phase.CONFIGURE,
            Phase.CHECK_UP,
            Phase.START,
            Phase.CHECK_UP,
            Phase.MONITOR);
    assertThat(phasesWith(states, StepStatus.SKIPPED))
        .containsExactly(Phase.STOP, Phase.CHECK_DOWN, Phase.HALT, Phase.CHECK_DOWN);
  }

  @Test
  void aServiceStillRunningFromAnEarlierInstallIsStoppedThenHaltedIfStopDoesNotWork() {
    List<StepState> states = run(RequestAction.INSTALL, true, true);
    assertThat(phasesWith(states, StepStatus.SUCCEEDED))
        .containsExactly(
            Phase.INIT,
            Phase.PREPARE,
            Phase.FETCH,
            Phase.CONFIGURE,
            Phase.CHECK_UP,
            Phase.STOP,
            Phase.CHECK_DOWN,
            Phase.HALT,
            Phase.CHECK_DOWN,
            Phase.START,
            Phase.CHECK_UP,
            Phase.MONITOR);
  }

  @Test
  void aCheckThatFindsTheServiceDownAfterStartFailsTheStep() {
    PlannedStep postStartCheck =
        new PlannedStep(
            9, "n", ExecutionRole.NODE, Phase.CHECK_UP, StepCondition.ALWAYS, CheckExpectation.UP);
    assertThat(decider.judgeCheck(postStartCheck, false)).contains("not up");
    assertThat(decider.judgeCheck(postStartCheck, true)).isNull();
  }

  @Test
  void aFailedStepFailsTheRunWithItsReasonAndNothingAfterItRuns() {
    List<PlannedStep> plan =
        planner.plan(new PlanRequest(RequestAction.STOP, "local", "local", false, false));
    List<StepState> states = new ArrayList<>(plan.stream().map(StepState::pending).toList());
    states.set(0, new StepState(plan.get(0), StepStatus.FAILED, null, "stop: exit 1"));
    Decision decision = decider.decide(states);
    assertThat(decision).isInstanceOf(Decision.Fail.class);
    assertThat(((Decision.Fail) decision).reason()).isEqualTo("stop: exit 1");
  }

  @Test
  void startDoesNothingButCheckWhenTheServiceIsAlreadyUp() {
    List<StepState> states = run(RequestAction.START, true, false);
    assertThat(phasesWith(states, StepStatus.SKIPPED)).containsExactly(Phase.START);
  }

  @Test
  void uninstallStopsBeforeRemoving() {
    List<PlannedStep> plan =
        planner.plan(new PlanRequest(RequestAction.UNINSTALL, "local", "local", false, false));
    assertThat(plan)
        .extracting(PlannedStep::phase)
        .containsExactly(
            Phase.STOP,
            Phase.CHECK_DOWN,
            Phase.HALT,
            Phase.CHECK_DOWN,
            Phase.UNINSTALL,
            Phase.REMOVEDATA);
  }

  /**
   * Drives a node-only plan to its end: checks before start answer {@code upBefore}, the check
   * right after stop answers {@code stopFails}, every other step succeeds.
   */
  private List<StepState> run(RequestAction action, boolean upBefore, boolean stopFails) {
    List<PlannedStep> plan = planner.plan(new PlanRequest(action, "local", "local", false, false));
    List<StepState> states = new ArrayList<>(plan.stream().map(StepState::pending).toList());
    boolean started = false;
    boolean halted = false;
    boolean stopped = false;
    for (int guard = 0; guard < 100; guard++) {
      Decision decision = decider.decide(states);
      decision
          .skipped()
          .forEach(s -> states.set(s.seq(), new StepState(s, StepStatus.SKIPPED, null, null)));
      if (!(decision instanceof Decision.Dispatch dispatch)) {
        assertThat(decision).isInstanceOf(Decision.Succeed.class);
        return states;
      }
      PlannedStep step = dispatch.step();
      switch (step.phase()) {
        case START -> started = true;
        case STOP -> stopped = true;
        case HALT -> halted = true;
        default -> {}
      }
      Boolean up = null;
      if (step.isCheck()) {
        up = started || (upBefore && !halted && !(stopped && !stopFails));
      }
      StepStatus status =
          decider.judgeCheck(step, up) == null ? StepStatus.SUCCEEDED : StepStatus.FAILED;
      states.set(step.seq(), new StepState(step, status, up, null));
    }
    throw new AssertionError("run did not end");
  }

  private static List<Phase> phasesWith(List<StepState> states, StepStatus status) {
    return states.stream().filter(s -> s.status() == status).map(s -> s.step().phase()).toList();
  }
}
