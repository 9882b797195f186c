package io.ays.contracts;

/** What a node can take on. */
public record Capacity(Integer cpus, Long memoryBytes, Integer maxConcurrentActions) {

  public Capacity {
    Fields.atLeast(cpus, 1, "cpus");
    Fields.atLeast(memoryBytes, 0L, "memoryBytes");
    Fields.atLeast(maxConcurrentActions, 1, "maxConcurrentActions");
  }
}
