package io.ays.model.template;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A {@code process.N} entry with the original's defaults: prio 10, timeout_start 10 s; and
 * timeout_stop 10 s (the original ignored timeout_stop; AYS honours it, with the same default as
 * timeout_start).
 *
 * @param key the recipe key, e.g. {@code process.1}
 * @param cmd the command; null for a process the operating system starts (AYS only watches it by
 *     its ports or filterstr)
 * @param env the environment: the entry's {@code env} dict, or {@code env.process.N} which
 *     overrides it as in the original
 * @param ports the TCP ports that answer when it is up ({@code ports:'27017;28017'}); a port given
 *     as a reference is only known once the instance is resolved
 * @param name the name; null in a template, {@code <template>_<instance>} once resolved if unset
 * @param extra the other fields, kept as written: the container form's ({@link ContainerSpec}) and
 *     those AYS does not use (e.g. {@code numprocesses})
 */
public record ProcessSpec(
    String key,
    String cmd,
    String args,
    String cwd,
    Map<String, String> env,
    int prio,
    Duration timeoutStart,
    Duration timeoutStop,
    List<Integer> ports,
    String filterstr,
    String startupManager,
    String name,
    String user,
    Map<String, Object> extra) {

  public static final int DEFAULT_PRIO = 10;
  public static final Duration DEFAULT_TIMEOUT_START = Duration.ofSeconds(10);
  public static final Duration DEFAULT_TIMEOUT_STOP = Duration.ofSeconds(10);

  public ProcessSpec {
    env = Map.copyOf(env);
    ports = List.copyOf(ports);
    extra = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(extra));
  }

  /** Whether AYS starts this process itself (it has a command, or is a container). */
  public boolean startedByAys() {
    return cmd != null || container().isPresent();
  }

  /**
   * The container this process runs in, when the entry has the container form ({@code image}, see
   * {@link ContainerSpec}); empty for a host process.
   */
  public java.util.Optional<ContainerSpec> container() {
    return ContainerSpec.declared(extra)
        ? java.util.Optional.of(ContainerSpec.of(extra))
        : java.util.Optional.empty();
  }

  /** Whether AYS can tell if it runs without knowing its pid: by a port or its filterstr. */
  public boolean watchable() {
    return !ports.isEmpty() || filterstr != null;
  }
}
