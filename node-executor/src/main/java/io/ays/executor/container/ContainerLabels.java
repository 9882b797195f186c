package io.ays.executor.container;

import java.util.Map;

/**
 * The labels AYS puts on the containers and volumes it creates: they say which instance and node
 * they belong to, so that a restarted executor finds (adopts) its containers and uninstall removes
 * exactly what AYS created, never anything else on the engine.
 */
final class ContainerLabels {

  static final String INSTANCE = "io.ays.instance";
  static final String NODE = "io.ays.node";
  static final String PROCESS = "io.ays.process";
  static final String CONTEXT_DIGEST = "io.ays.build-context";

  private ContainerLabels() {}

  static Map<String, String> of(String nodeId, String instanceKey, String label) {
    return Map.of(NODE, nodeId, INSTANCE, instanceKey, PROCESS, label);
  }

  static Map<String, String> of(String nodeId, String instanceKey) {
    return Map.of(NODE, nodeId, INSTANCE, instanceKey);
  }

  /** A name the engine accepts, made of the parts: {@code ays-local-demo-web-main-process.1}. */
  static String name(String... parts) {
    return ("ays-" + String.join("-", parts)).replaceAll("[^A-Za-z0-9_.-]", "_");
  }
}
