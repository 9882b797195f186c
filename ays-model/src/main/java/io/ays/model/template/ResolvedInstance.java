package io.ays.model.template;

import io.ays.model.hrd.Hrd;
import java.util.List;
import java.util.Map;

/**
 * An instance of a template, resolved: one configuration of {@code service.*} keys (the recipe) and
 * {@code instance.*} keys (answers, defaults and the plain keys of instance.hrd) with its {@code
 * $(...)} references substituted, and the typed views read from it; or every problem that prevents
 * it ({@link #ok()} false, views empty).
 *
 * @param instanceKey {@code domain/name/instance}
 * @param hrd the resolved configuration (what the original wrote to {@code
 *     <domain>__<name>__<instance>/service.hrd}); references to keys it lacks, such as {@code
 *     $(system.paths.base)}, are left for the node
 * @param answers the checked answers (typed, defaults filled in), keyed like the questions
 * @param processes the processes with the instance's values (ports from answers, default names)
 * @param dependencies the dependencies with their answers substituted from this instance
 * @param configRenders the files the node's default configure renders ({@code config.render.N})
 * @param problems every problem, as {@code key: message} or {@code file:line: key: message}
 */
public record ResolvedInstance(
    String instanceKey,
    Hrd hrd,
    Map<String, Object> answers,
    List<ProcessSpec> processes,
    List<DependencySpec> dependencies,
    List<GitExport> gitExports,
    List<ConfigRender> configRenders,
    List<String> problems) {

  public ResolvedInstance {
    answers = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(answers));
    processes = List.copyOf(processes);
    dependencies = List.copyOf(dependencies);
    gitExports = List.copyOf(gitExports);
    configRenders = List.copyOf(configRenders);
    problems = List.copyOf(problems);
  }

  static ResolvedInstance failed(String instanceKey, List<String> problems) {
    return new ResolvedInstance(
        instanceKey,
        Hrd.empty(instanceKey),
        Map.of(),
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        problems);
  }

  /** The resolved configuration as a map, sorted by key. */
  public Map<String, Object> config() {
    return hrd.rawValues();
  }

  public boolean ok() {
    return problems.isEmpty();
  }
}
