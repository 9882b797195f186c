package io.ays.executor.action;

import io.ays.model.template.ConfigRender;
import io.ays.model.template.GitExport;
import io.ays.model.template.ProcessSpec;
import io.ays.model.template.ResolvedConfig;
import java.util.List;

/**
 * The typed views of a command's configuration, read with the shared model's rules ({@link
 * ResolvedConfig}); a bad entry fails the action with every problem named.
 */
public final class ConfigViews {

  private static final String SERVICE_PREFIX = "service.";

  private ConfigViews() {}

  /** The processes in start order (prio). */
  public static List<ProcessSpec> processes(ActionContext context) {
    return read(context).processes();
  }

  /** The {@code git.export.N} entries in order. */
  public static List<GitExport> gitExports(ActionContext context) {
    return read(context).gitExports();
  }

  /** The {@code config.render.N} entries in order. */
  public static List<ConfigRender> configRenders(ActionContext context) {
    return read(context).configRenders();
  }

  /** A process's short name for logs and results: {@code process.1}. */
  public static String label(ProcessSpec process) {
    return strip(process.key());
  }

  /** An export's short name for messages: {@code git.export.1}. */
  public static String label(GitExport export) {
    return strip(export.key());
  }

  /** A rendered file's short name for messages: {@code config.render.1}. */
  public static String label(ConfigRender render) {
    return strip(render.key());
  }

  private static String strip(String key) {
    return key.startsWith(SERVICE_PREFIX) ? key.substring(SERVICE_PREFIX.length()) : key;
  }

  private static ResolvedConfig read(ActionContext context) {
    ResolvedConfig config = ResolvedConfig.read(context.instanceKey(), context.config(), null);
    if (!config.ok()) {
      // Each problem starts with the instance key already.
      throw new IllegalArgumentException(
          "bad configuration: " + String.join("; ", config.problems()));
    }
    return config;
  }
}
