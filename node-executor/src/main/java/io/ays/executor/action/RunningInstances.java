package io.ays.executor.action;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ays.contracts.EventJson;
import io.ays.contracts.PhaseCommand;
import io.ays.executor.config.ExecutorConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * The instances this node has started and not stopped since, with what is needed to check them: the
 * periodic monitor and the crash reports work from here. Kept on disk ({@code <data dir>/running})
 * so that a restarted executor goes on watching them.
 */
@ApplicationScoped
public class RunningInstances {

  private static final Logger LOG = Logger.getLogger(RunningInstances.class);

  private final Map<String, ActionContext> byKey = new ConcurrentHashMap<>();
  private final Path dir;
  private final ObjectMapper json = EventJson.newObjectMapper();

  @Inject
  public RunningInstances(ExecutorConfig config) {
    this(config.dataDir().toAbsolutePath().normalize().resolve("running"));
  }

  public RunningInstances(Path dir) {
    this.dir = dir;
    load();
  }

  public void started(ActionContext context) {
    byKey.put(context.instanceKey(), context);
    save(context);
  }

  public void stopped(String instanceKey) {
    byKey.remove(instanceKey);
    try {
      Files.deleteIfExists(file(instanceKey));
    } catch (IOException e) {
      LOG.warnf("cannot forget %s on disk: %s", instanceKey, e.getMessage());
    }
  }

  public boolean isRunning(String instanceKey) {
    return byKey.containsKey(instanceKey);
  }

  public ActionContext get(String instanceKey) {
    return byKey.get(instanceKey);
  }

  public Collection<ActionContext> all() {
    return byKey.values();
  }

  /** What is stored per instance: the context of the command that found it up. */
  record Stored(
      PhaseCommand command,
      String templateDir,
      String instanceDir,
      String logDir,
      Map<String, Object> config) {}

  private void save(ActionContext context) {
    Stored stored =
        new Stored(
            context.command(),
            context.templateDir().toString(),
            context.instanceDir().toString(),
            context.logDir().toString(),
            context.config());
    try {
      Files.createDirectories(dir);
      Path temp = Files.createTempFile(dir, ".save-", ".json");
      Files.write(temp, json.writeValueAsBytes(stored));
      Files.move(
          temp,
          file(context.instanceKey()),
          StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot record " + context.instanceKey() + " as running", e);
    }
  }

  private void load() {
    if (!Files.isDirectory(dir)) {
      return;
    }
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".json")).toList()) {
        try {
          Stored s = json.readValue(Files.readAllBytes(file), Stored.class);
          ActionContext context =
              new ActionContext(
                  s.command(),
                  Path.of(s.templateDir()),
                  Path.of(s.instanceDir()),
                  Path.of(s.logDir()),
                  s.config());
          byKey.put(context.instanceKey(), context);
        } catch (IOException | RuntimeException e) {
          LOG.warnf("%s: not a running instance record, ignored: %s", file, e.getMessage());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + dir, e);
    }
  }

  private Path file(String instanceKey) {
    return dir.resolve(instanceKey.replace('/', '~') + ".json");
  }
}
