package io.ays.model.template;

import java.util.Optional;

/** The Python action files a template may hold, and where their actions run. */
public enum ActionFile {
  /** Actions run at the management location. */
  MGMT("actions_mgmt.py"),
  /** Actions run on the node that hosts the instance. */
  NODE("actions_node.py"),
  /** Template-level ("static") actions such as {@code build}. */
  TEMPLATE("actions_tmpl.py"),
  /** The older single actions file: node (local) actions. */
  LEGACY("actions.py");

  private final String fileName;

  ActionFile(String fileName) {
    this.fileName = fileName;
  }

  /** The file's name in the template folder. */
  public String fileName() {
    return fileName;
  }

  /** The kind of action file at {@code path} (relative to the template folder), if it is one. */
  public static Optional<ActionFile> of(String path) {
    for (ActionFile file : values()) {
      if (file.fileName.equals(path)) {
        return Optional.of(file);
      }
    }
    return Optional.empty();
  }
}
