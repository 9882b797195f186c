package io.ays.executor.action;

import io.ays.model.hrd.Hrd;
import io.ays.model.hrd.HrdReferenceException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Finishes a resolved configuration on the node: adds the node's {@code system.*} keys (its id and
 * folders) and substitutes the {@code $(key)} references the coordinator could not resolve (those
 * naming system keys), by the model's rules ({@link Hrd#resolved()}). Unknown keys are left as
 * written, as in the original. Every string in it is substituted, those inside the {@code
 * process.N} dicts ({@code cmd}, {@code args}, {@code cwd}, {@code env}) included.
 */
public final class ConfigRenderer {

  private ConfigRenderer() {}

  /**
   * The node's own keys for an instance: its id, and its folders under the data folder ({@code
   * system.paths.app} and {@code system.paths.cfg} as real AYS 7 templates use them).
   */
  public static Map<String, Object> systemKeys(
      String nodeId, Path dataDir, Path instanceDir, Path logDir) {
    Map<String, Object> keys = new LinkedHashMap<>();
    keys.put("system.node.id", nodeId);
    keys.put("system.paths.base", dataDir.toString());
    keys.put("system.paths.app", dataDir.resolve("apps").toString());
    keys.put("system.paths.cfg", dataDir.resolve("cfg").toString());
    keys.put("system.paths.var", dataDir.resolve("var").toString());
    keys.put("system.paths.instance", instanceDir.toString());
    keys.put("system.paths.log", logDir.toString());
    return keys;
  }

  /**
   * {@code config} plus {@code system}, with references substituted in every string value.
   *
   * @throws IllegalArgumentException naming the cycle if references lead back to themselves
   */
  public static Map<String, Object> render(
      String instanceKey, Map<String, Object> config, Map<String, Object> system) {
    Map<String, Object> all = new LinkedHashMap<>(config);
    all.putAll(system);
    try {
      return Hrd.of(instanceKey, all).resolved();
    } catch (HrdReferenceException e) {
      throw new IllegalArgumentException("bad configuration: " + e.getMessage(), e);
    }
  }
}
