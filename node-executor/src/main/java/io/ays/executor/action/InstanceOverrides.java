package io.ays.executor.action;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ays.contracts.EventJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Configuration values an action set ({@code self.hrd.set(...)} in {@code actions_*.py}), kept in
 * the instance folder ({@code .ays-config.json}) and laid over the configuration of every later
 * command for the instance on this node, as the original wrote them into the instance's {@code
 * service.hrd}. They go when the instance's folder goes ({@code removedata}).
 */
public final class InstanceOverrides {

  static final String FILE = ".ays-config.json";
  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};
  private static final ObjectMapper JSON = EventJson.newObjectMapper();

  private InstanceOverrides() {}

  /** {@code config} with the instance's stored values laid over it. */
  public static Map<String, Object> apply(Path instanceDir, Map<String, Object> config) {
    Map<String, Object> merged = new LinkedHashMap<>(config);
    merged.putAll(load(instanceDir));
    return merged;
  }

  public static synchronized Map<String, Object> load(Path instanceDir) {
    Path file = instanceDir.resolve(FILE);
    if (!Files.isRegularFile(file)) {
      return Map.of();
    }
    try {
      return JSON.readValue(Files.readString(file), MAP);
    } catch (IOException e) {
      throw new UncheckedIOException(file + ": not a JSON object of configuration values", e);
    }
  }

  /** Adds {@code changes} to the stored values. */
  public static synchronized void save(Path instanceDir, Map<String, Object> changes) {
    if (changes.isEmpty()) {
      return;
    }
    Map<String, Object> all = new LinkedHashMap<>(load(instanceDir));
    all.putAll(changes);
    try {
      Files.createDirectories(instanceDir);
      Path temp = Files.createTempFile(instanceDir, ".ays-config-", ".json");
      Files.write(temp, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(all));
      Files.move(
          temp,
          instanceDir.resolve(FILE),
          StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot save configuration changes in " + instanceDir, e);
    }
  }
}
