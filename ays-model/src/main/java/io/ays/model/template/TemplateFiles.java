package io.ays.model.template;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The files of a template folder by relative path ({@code /}-separated), which of them are
 * executable, and what they are: HRD files, action files, hooks, other files. A path that is
 * absolute or climbs out of the folder ({@code ..}) is refused.
 */
public final class TemplateFiles {

  private static final String HOOKS = "hooks/";
  private static final String MGMT_HOOKS = "hooks/mgmt/";

  private final SortedMap<String, byte[]> files;
  private final Set<String> executables;

  /**
   * @throws IllegalArgumentException naming a path that is absolute or escapes the folder
   */
  public TemplateFiles(Map<String, byte[]> files, Set<String> executables) {
    files.keySet().forEach(TemplateFiles::checkPath);
    this.files = Collections.unmodifiableSortedMap(new TreeMap<>(files));
    this.executables = Set.copyOf(executables);
  }

  /** Why {@code path} cannot be a template file, or null if it can. */
  static String pathProblem(String path) {
    if (path.isEmpty()) {
      return "an empty path";
    }
    if (path.startsWith("/") || path.contains("\\") || path.matches("^[A-Za-z]:.*")) {
      return "an absolute path or a path with '\\' is not allowed in a template";
    }
    for (String part : path.split("/", -1)) {
      if (part.equals("..") || part.equals(".") || part.isEmpty()) {
        return "a path with '..', '.' or an empty part could escape the template folder";
      }
    }
    return null;
  }

  private static void checkPath(String path) {
    String problem = pathProblem(path);
    if (problem != null) {
      throw new IllegalArgumentException(path + ": " + problem);
    }
  }

  /** Every file by relative path, sorted. */
  public SortedMap<String, byte[]> all() {
    return files;
  }

  public Set<String> executables() {
    return executables;
  }

  public boolean has(String path) {
    return files.containsKey(path);
  }

  /** The action files present. */
  public Set<ActionFile> actionFiles() {
    Set<ActionFile> present = EnumSet.noneOf(ActionFile.class);
    files.keySet().forEach(path -> ActionFile.of(path).ifPresent(present::add));
    return Collections.unmodifiableSet(present);
  }

  /** The hooks: {@code hooks/<action>} and {@code hooks/mgmt/<action>}, sorted by path. */
  public List<Hook> hooks() {
    List<Hook> hooks = new ArrayList<>();
    for (String path : files.keySet()) {
      boolean management = path.startsWith(MGMT_HOOKS);
      String action = path.substring(management ? MGMT_HOOKS.length() : HOOKS.length());
      if (path.startsWith(HOOKS) && !action.isEmpty() && !action.contains("/")) {
        hooks.add(new Hook(action, path, management, executables.contains(path)));
      }
    }
    return List.copyOf(hooks);
  }

  /**
   * Whether any action runs at the management location: {@code actions_mgmt.py} or a hook under
   * {@code hooks/mgmt/}.
   */
  public boolean hasManagementActions() {
    return actionFiles().contains(ActionFile.MGMT) || hooks().stream().anyMatch(Hook::management);
  }

  /** The files that are neither HRD files, action files nor hooks (configuration, scripts). */
  public List<String> otherFiles() {
    Set<String> hookPaths = new java.util.HashSet<>();
    hooks().forEach(h -> hookPaths.add(h.path()));
    return files.keySet().stream()
        .filter(p -> !p.equals(Template.SERVICE_HRD) && !p.equals(Template.INSTANCE_HRD))
        .filter(p -> ActionFile.of(p).isEmpty())
        .filter(p -> !hookPaths.contains(p))
        .toList();
  }
}
