package io.ays.model.template;

import java.util.Set;

/** The action names of AYS templates (the methods an actions file or a hook may provide). */
public final class Actions {

  /** Instance actions, with defaults driven by the {@code process.N} entries. */
  public static final Set<String> INSTANCE =
      Set.of(
          "init",
          "prepare",
          "configure",
          "start",
          "stop",
          "halt",
          "check_up",
          "check_down",
          "check_requirements",
          "monitor",
          "cleanup",
          "data_export",
          "data_import",
          "install",
          "uninstall",
          "removedata",
          "test");

  /** Template-level actions. */
  public static final Set<String> TEMPLATE = Set.of("build");

  private Actions() {}

  /** Whether {@code name} is an action AYS knows. */
  public static boolean known(String name) {
    return INSTANCE.contains(name) || TEMPLATE.contains(name);
  }
}
