package io.ays.coordinator.domain.plan;

import static io.ays.coordinator.domain.plan.CheckExpectation.DOWN;
import static io.ays.coordinator.domain.plan.CheckExpectation.NONE;
import static io.ays.coordinator.domain.plan.CheckExpectation.UP;
import static io.ays.coordinator.domain.plan.StepCondition.ALWAYS;
import static io.ays.coordinator.domain.plan.StepCondition.IF_DOWN;
import static io.ays.coordinator.domain.plan.StepCondition.IF_UP;

import io.ays.contracts.ExecutionRole;
import io.ays.contracts.Phase;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a lifecycle action into the ordered phase plan of one instance (DESIGN.md, "The phase
 * plan"): the management location's sequence first (when the template has management actions), then
 * the hosting node's.
 *
 * <p>Install: init, prepare, fetch (node only), configure, check_up; if up: stop, check_down, halt
 * if still up, check_down; then start, check_up (must be up), monitor. Re-installing a running
 * instance with changed answers, another template version or force stops it on its node
 * unconditionally (the reconfigure-and-restart of the original). Restart is the stop sequence then
 * the start sequence; stop is stop, check_down, halt if needed; uninstall is the stop sequence then
 * uninstall and removedata; removedata is the stop sequence then removedata. A start after a
 * removedata or a reset runs the install's phases first (the instance's files may be gone). Build
 * (template-level) is its one phase on the service's node.
 */
public final class PhasePlanner {

  /** The ordered steps for {@code request}. */
  public List<PlannedStep> plan(PlanRequest request) {
    Builder steps = new Builder();
    if (request.action().templateLevel()) {
      // Template-level (actions_tmpl.py): one phase where the build is wanted, nothing else.
      steps.on(request.serviceNode(), ExecutionRole.NODE).add(Phase.BUILD, ALWAYS, NONE);
      return steps.build();
    }
    if (request.hasManagementActions()) {
      sequence(steps.on(request.managementNode(), ExecutionRole.MANAGEMENT), request);
    }
    sequence(steps.on(request.serviceNode(), ExecutionRole.NODE), request);
    return steps.build();
  }

  private static void sequence(Builder steps, PlanRequest request) {
    switch (request.action()) {
      case INSTALL -> {
        installPhases(steps);
        steps.add(Phase.CHECK_UP, ALWAYS, NONE);
        if (request.replacesRunning() && steps.role == ExecutionRole.NODE) {
          stop(steps); // the running processes are the old answers' (reconfigure and restart)
        } else {
          stopIfUp(steps);
        }
        if (!request.noStart()) {
          startAndWatch(steps);
        }
      }
      case START -> {
        if (request.rebuild()) {
          installPhases(steps);
        }
        steps.add(Phase.CHECK_UP, ALWAYS, NONE).add(Phase.START, IF_DOWN, NONE);
        steps.add(Phase.CHECK_UP, ALWAYS, UP).add(Phase.MONITOR, ALWAYS, NONE);
      }
      case STOP -> stop(steps);
      case RESTART -> {
        stop(steps);
        startAndWatch(steps);
      }
      case CONFIGURE -> {
        steps.add(Phase.CONFIGURE, ALWAYS, NONE);
        stop(steps);
        startAndWatch(steps);
      }
      case UNINSTALL -> {
        stop(steps);
        steps.add(Phase.UNINSTALL, ALWAYS, NONE).add(Phase.REMOVEDATA, ALWAYS, NONE);
      }
      case REMOVEDATA -> {
        stop(steps); // never under a running service: check_down halts the run if it stays up
        steps.add(Phase.REMOVEDATA, ALWAYS, NONE);
      }
      case BUILD -> throw new IllegalStateException("template-level: planned above");
    }
  }

  /** What an install runs before it looks at the service: fetch only where the service runs. */
  private static void installPhases(Builder steps) {
    steps.add(Phase.INIT, ALWAYS, NONE).add(Phase.PREPARE, ALWAYS, NONE);
    if (steps.role == ExecutionRole.NODE) {
      steps.add(Phase.FETCH, ALWAYS, NONE);
    }
    steps.add(Phase.CONFIGURE, ALWAYS, NONE);
  }

  /** The "already running from an earlier install" branch: runs only if check_up said up. */
  private static void stopIfUp(Builder steps) {
    steps.add(Phase.STOP, IF_UP, NONE).add(Phase.CHECK_DOWN, IF_UP, NONE);
    steps.add(Phase.HALT, IF_UP, NONE).add(Phase.CHECK_DOWN, IF_UP, DOWN);
  }

  private static void stop(Builder steps) {
    steps.add(Phase.STOP, ALWAYS, NONE).add(Phase.CHECK_DOWN, ALWAYS, NONE);
    steps.add(Phase.HALT, IF_UP, NONE).add(Phase.CHECK_DOWN, IF_UP, DOWN);
  }

  private static void startAndWatch(Builder steps) {
    steps.add(Phase.START, ALWAYS, NONE).add(Phase.CHECK_UP, ALWAYS, UP);
    steps.add(Phase.MONITOR, ALWAYS, NONE);
  }

  /** Numbers steps as they are added, for the node and role currently being planned. */
  private static final class Builder {
    private final List<PlannedStep> steps = new ArrayList<>();
    private String node;
    private ExecutionRole role;

    Builder on(String node, ExecutionRole role) {
      this.node = node;
      this.role = role;
      return this;
    }

    Builder add(Phase phase, StepCondition when, CheckExpectation expect) {
      // The management location runs no processes of its own: its checks only steer the
      // conditional steps, they cannot fail the run.
      CheckExpectation effective =
          role == ExecutionRole.MANAGEMENT ? CheckExpectation.NONE : expect;
      steps.add(new PlannedStep(steps.size(), node, role, phase, when, effective));
      return this;
    }

    List<PlannedStep> build() {
      return List.copyOf(steps);
    }
  }
}
