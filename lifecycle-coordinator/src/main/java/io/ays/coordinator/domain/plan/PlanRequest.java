package io.ays.coordinator.domain.plan;

import io.ays.contracts.RequestAction;

/**
 * What a plan is built from.
 *
 * @param managementNode the node id of the management location
 * @param serviceNode the node that hosts the instance
 * @param hasManagementActions whether the template ships management actions (actions_mgmt.py);
 *     without them the management sequence would only run no-op defaults, so it is left out
 * @param noStart install without starting (the original's --no-start)
 * @param replacesRunning an install of an instance that is running with other answers, another
 *     template version, or forced: its processes are stopped whatever check_up says, since a check
 *     with the new answers (a new port) cannot see the old process
 * @param rebuild a start of an instance whose data was removed or that was reset: its install
 *     phases run first (init, prepare, fetch, configure), as a fresh install would
 */
public record PlanRequest(
    RequestAction action,
    String managementNode,
    String serviceNode,
    boolean hasManagementActions,
    boolean noStart,
    boolean replacesRunning,
    boolean rebuild) {

  public PlanRequest(
      RequestAction action,
      String managementNode,
      String serviceNode,
      boolean hasManagementActions,
      boolean noStart,
      boolean replacesRunning) {
    this(
        action, managementNode, serviceNode, hasManagementActions, noStart, replacesRunning, false);
  }

  public PlanRequest(
      RequestAction action,
      String managementNode,
      String serviceNode,
      boolean hasManagementActions,
      boolean noStart) {
    this(action, managementNode, serviceNode, hasManagementActions, noStart, false, false);
  }
}
