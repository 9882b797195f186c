package io.ays.executor.action;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ays.contracts.EventJson;
import io.ays.contracts.PhaseCommand;
import io.ays.executor.config.ExecutorConfig;
import io.ays.executor.config.NodeSecretKey;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
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
 * so that a restarted executor goes on watching them. A record holds the processes' environment and
 * the instance's configuration, secrets included: with a node key it is sealed for this node
 * itself, so the disk never holds a secret in clear.
 */
@ApplicationScoped
public class RunningInstances {

  private static final Logger LOG = Logger.getLogger(RunningInstances.class);

  private final Map<String, ActionContext> byKey = new ConcurrentHashMap<>();
  private final Map<String, Chain> chains = new ConcurrentHashMap<>();

  /** What a record is sealed under: records are read before their instance is known. */
  private static final String RECORD_LABEL = "running-instance-record";

  private final Path dir;
  private final NodeSecretKey nodeKey;
  private final ObjectMapper json = EventJson.newObjectMapper();

  @Inject
  public RunningInstances(ExecutorConfig config, NodeSecretKey nodeKey) {
    this(config.dataDir().toAbsolutePath().normalize().resolve("running"), nodeKey);
  }

  public RunningInstances(Path dir, NodeSecretKey nodeKey) {
    this.dir = dir;
    this.nodeKey = nodeKey;
    load();
  }

  /**
   * The message an instance's health reports are caused by, and the correlation they carry: the
   * command that found the instance up. A crash report, and the restart the monitor asks for,
   * thereby stay in the chain of the request that started the service.
   */
  public record Chain(String causeId, String correlationId) {}

  public void started(ActionContext context) {
    started(context, null);
  }

  /** {@code context}'s instance runs; {@code chain} (or null) is the command that says so. */
  public void started(ActionContext context, Chain chain) {
    byKey.put(context.instanceKey(), context);
    if (chain != null) {
      chains.put(context.instanceKey(), chain);
    } else {
      chains.remove(context.instanceKey());
    }
    save(context, chain);
  }

  /** The chain the health reports of {@code instanceKey} continue, if known. */
  public java.util.Optional<Chain> chainOf(String instanceKey) {
    return java.util.Optional.ofNullable(chains.get(instanceKey));
  }

  public void stopped(String instanceKey) {
    byKey.remove(instanceKey);
    chains.remove(instanceKey);
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
      Map<String, Object> config,
      Chain chain) {}

  private void save(ActionContext context, Chain chain) {
    Stored stored =
        new Stored(
            context.command(),
            context.templateDir().toString(),
            context.instanceDir().toString(),
            context.logDir().toString(),
            context.config(),
            chain);
    try {
      Files.createDirectories(dir);
      Path temp = Files.createTempFile(dir, ".save-", ".json");
      String record = nodeKey.sealForSelf(RECORD_LABEL, json.writeValueAsString(stored));
      Files.writeString(temp, record, StandardCharsets.UTF_8);
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
          String record = Files.readString(file, StandardCharsets.UTF_8);
          Stored s = json.readValue(nodeKey.openFromSelf(RECORD_LABEL, record), Stored.class);
          ActionContext context =
              new ActionContext(
                  s.command(),
                  Path.of(s.templateDir()),
                  Path.of(s.instanceDir()),
                  Path.of(s.logDir()),
                  s.config());
          byKey.put(context.instanceKey(), context);
          if (s.chain() != null) {
            chains.put(context.instanceKey(), s.chain());
          }
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
