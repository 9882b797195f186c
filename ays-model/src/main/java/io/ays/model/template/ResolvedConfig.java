package io.ays.model.template;

import io.ays.model.hrd.Hrd;
import java.util.List;
import java.util.Map;

/**
 * The typed views of a resolved instance configuration received as a plain map (how a node gets it
 * in a phase command): its processes, git exports and files to render, read by the same rules as
 * {@link Template#resolve}, so the node never re-parses {@code service.*} keys on its own.
 *
 * @param problems everything wrong, as {@code source: key: message}; the views leave bad entries
 *     out
 */
public record ResolvedConfig(
    List<ProcessSpec> processes,
    List<GitExport> gitExports,
    List<ConfigRender> configRenders,
    List<String> problems) {

  public ResolvedConfig {
    processes = List.copyOf(processes);
    gitExports = List.copyOf(gitExports);
    configRenders = List.copyOf(configRenders);
    problems = List.copyOf(problems);
  }

  /**
   * Reads {@code config} ({@code service.*} and {@code instance.*} keys, values as the HRD parser
   * typed them).
   *
   * @param source names the configuration in problems, e.g. the instance key
   * @param defaultName the name of a process without one, or null
   */
  public static ResolvedConfig read(String source, Map<String, ?> config, String defaultName) {
    Hrd hrd = Hrd.of(source, config);
    Findings found = new Findings();
    List<ProcessSpec> processes =
        ProcessReader.read(hrd, InstanceResolver.SERVICE_PREFIX, defaultName, found);
    List<GitExport> exports = GitExportReader.read(hrd, InstanceResolver.SERVICE_PREFIX, found);
    List<ConfigRender> renders =
        ConfigRenderReader.read(hrd, InstanceResolver.SERVICE_PREFIX, found);
    return new ResolvedConfig(processes, exports, renders, found.errors());
  }

  public boolean ok() {
    return problems.isEmpty();
  }
}
