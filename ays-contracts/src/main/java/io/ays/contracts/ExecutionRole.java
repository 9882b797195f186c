package io.ays.contracts;

/**
 * Which of a template's actions a command runs: the management location's ({@code actions_mgmt.py})
 * or the hosting node's ({@code actions_node.py}, {@code actions.py}, {@code hooks/} and the {@code
 * process.N} defaults). Needed because the management node can host instances itself, so the node
 * alone does not say which file applies.
 */
public enum ExecutionRole {
  MANAGEMENT,
  NODE
}
