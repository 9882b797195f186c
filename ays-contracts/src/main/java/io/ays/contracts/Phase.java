package io.ays.contracts;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * An action a node-executor runs for an instance: the AYS template methods, plus {@code fetch} (the
 * binary data of {@code git.export.N}). In JSON a phase is its {@link #actionName()} ({@code
 * check_up}), the name template authors know from {@code actions_*.py} and {@code hooks/}.
 */
public enum Phase {
  INIT("init"),
  PREPARE("prepare"),
  FETCH("fetch"),
  CONFIGURE("configure"),
  START("start"),
  STOP("stop"),
  HALT("halt"),
  CHECK_UP("check_up"),
  CHECK_DOWN("check_down"),
  CHECK_REQUIREMENTS("check_requirements"),
  MONITOR("monitor"),
  CLEANUP("cleanup"),
  DATA_EXPORT("data_export"),
  DATA_IMPORT("data_import"),
  INSTALL("install"),
  UNINSTALL("uninstall"),
  REMOVEDATA("removedata"),
  TEST("test"),
  BUILD("build");

  private final String actionName;

  Phase(String actionName) {
    this.actionName = actionName;
  }

  /** The method name in {@code actions_*.py} and the file name under {@code hooks/}. */
  @JsonValue
  public String actionName() {
    return actionName;
  }

  /** Whether a template may replace the default with its own method or hook. */
  public boolean overridable() {
    // fetch is AYS's own work (git.export via JGit); the original had no method for it either.
    return this != FETCH;
  }

  /** Whether the action is template-level ({@code actions_tmpl.py}), not per instance. */
  public boolean templateLevel() {
    return this == BUILD;
  }

  /** Whether a successful result must say if the service is up ({@code PhaseResult.up}). */
  public boolean answersUp() {
    return this == CHECK_UP || this == CHECK_DOWN;
  }

  /** Reads an action name such as {@code check_up}. */
  @JsonCreator
  public static Phase fromActionName(String name) {
    for (Phase phase : values()) {
      if (phase.actionName.equals(name)) {
        return phase;
      }
    }
    throw new InvalidFieldException(
        null,
        "unknown phase '"
            + name
            + "'; expected one of "
            + Arrays.stream(values()).map(Phase::actionName).collect(Collectors.joining(", ")));
  }
}
