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
 */
public record PlanRequest(
    RequestAction action,
    String managementNode,
    String serviceNode,
    boolean hasManagementActions,
    boolean noStart) {}
