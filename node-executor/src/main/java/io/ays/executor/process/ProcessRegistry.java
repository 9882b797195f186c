package io.ays.executor.process;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ays.contracts.EventJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * The supervised processes on disk (one JSON file per instance under {@code <data
 * dir>/supervised}), so that a restarted executor finds the processes it started and adopts them
 * instead of starting them a second time. Written atomically (temporary file, then rename).
 */
public final class ProcessRegistry {

  private static final Logger LOG = Logger.getLogger(ProcessRegistry.class);
  private static final TypeReference<List<SupervisedProcess>> LIST = new TypeReference<>() {};

  private final Path dir;
  private final ObjectMapper json = EventJson.newObjectMapper();

  public ProcessRegistry(Path dir) {
    this.dir = dir;
  }

  /** Records the instance's processes (an empty list removes its file). */
  public synchronized void save(String instanceKey, List<SupervisedProcess> processes) {
    Path file = file(instanceKey);
    try {
      if (processes.isEmpty()) {
        Files.deleteIfExists(file);
        return;
      }
      Files.createDirectories(dir);
      Path temp = Files.createTempFile(dir, ".save-", ".json");
      Files.write(temp, json.writeValueAsBytes(processes));
      Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot record the processes of " + instanceKey, e);
    }
  }

  /** Every recorded process; an unreadable file is reported and skipped. */
  public synchronized List<SupervisedProcess> load() {
    List<SupervisedProcess> all = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return all;
    }
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
        try {
          all.addAll(json.readValue(Files.readString(file, StandardCharsets.UTF_8), LIST));
        } catch (IOException e) {
          LOG.warnf("%s: not a list of supervised processes, ignored: %s", file, e.getMessage());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + dir, e);
    }
    return all;
  }

  /**
   * Records that {@code intent}'s process is about to start, before it starts (a file {@code
   * <key>~<launch id>.intent} beside the instance's record).
   */
  public synchronized void saveIntent(LaunchIntent intent) {
    try {
      Files.createDirectories(dir);
      Path temp = Files.createTempFile(dir, ".intent-", ".tmp");
      Files.write(temp, json.writeValueAsBytes(intent));
      Files.move(
          temp,
          intentFile(intent),
          StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot record the start of " + intent.instanceKey(), e);
    }
  }

  /** Forgets {@code intent}: its process is recorded with its pid, or it never started. */
  public synchronized void clearIntent(LaunchIntent intent) {
    try {
      Files.deleteIfExists(intentFile(intent));
    } catch (IOException e) {
      LOG.warnf("%s: could not remove: %s", intentFile(intent), e.getMessage());
    }
  }

  /** The intents left by an executor that died between a start and the record of its pid. */
  public synchronized List<LaunchIntent> loadIntents() {
    List<LaunchIntent> all = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return all;
    }
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".intent")).sorted().toList()) {
        try {
          all.add(
              json.readValue(Files.readString(file, StandardCharsets.UTF_8), LaunchIntent.class));
        } catch (IOException e) {
          LOG.warnf("%s: not a launch intent, ignored: %s", file, e.getMessage());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + dir, e);
    }
    return all;
  }

  private Path intentFile(LaunchIntent intent) {
    return dir.resolve(
        intent.instanceKey().replace('/', '~') + "~" + intent.launchId() + ".intent");
  }

  private Path file(String instanceKey) {
    return dir.resolve(instanceKey.replace('/', '~') + ".json");
  }
}
