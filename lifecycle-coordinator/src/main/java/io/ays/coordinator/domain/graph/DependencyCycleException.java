package io.ays.coordinator.domain.graph;

import java.util.List;
import java.util.stream.Collectors;

/** Dependencies that loop back on themselves; the message names the loop end to end. */
public class DependencyCycleException extends RuntimeException {

  private final List<?> cycle;

  public DependencyCycleException(List<?> cycle) {
    super(
        "dependency cycle: "
            + cycle.stream().map(String::valueOf).collect(Collectors.joining(" -> ")));
    this.cycle = List.copyOf(cycle);
  }

  /** The nodes of the loop, the first repeated at the end. */
  public List<?> cycle() {
    return cycle;
  }
}
