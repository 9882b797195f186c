package io.ays.executor.health;

import io.ays.contracts.Capacity;
import io.ays.contracts.EventCodec;
import io.ays.contracts.EventFactory;
import io.ays.contracts.EventType;
import io.ays.contracts.NodeHeartbeat;
import io.ays.contracts.NodeId;
import io.ays.contracts.Topics;
import io.ays.executor.config.ExecutorConfig;
import io.ays.executor.container.ContainerSupervisor;
import io.ays.executor.node.NodePlatform;
import io.ays.executor.process.ProcessSupervisor;
import io.ays.messaging.KafkaSender;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/** Tells the fleet this node is alive, what it is and what it can take, on {@code ays.nodes}. */
@ApplicationScoped
public class HeartbeatPublisher {

  private static final Logger LOG = Logger.getLogger(HeartbeatPublisher.class);

  private final KafkaSender sender;
  private final EventFactory events;
  private final EventCodec codec;
  private final Topics topics;
  private final ExecutorConfig config;
  private final ProcessSupervisor supervisor;
  private final ContainerSupervisor containers;
  private final NodePlatform platform;
  private final Clock clock;
  private final String version;
  private final String endpoint;
  private Instant startedAt;
  private ScheduledExecutorService scheduler;

  public HeartbeatPublisher(
      KafkaSender sender,
      EventFactory events,
      EventCodec codec,
      Topics topics,
      ExecutorConfig config,
      ProcessSupervisor supervisor,
      ContainerSupervisor containers,
      NodePlatform platform,
      Clock clock,
      @ConfigProperty(name = "quarkus.application.version", defaultValue = "dev") String version,
      @ConfigProperty(name = "quarkus.http.port", defaultValue = "8083") int httpPort) {
    this.sender = sender;
    this.events = events;
    this.codec = codec;
    this.topics = topics;
    this.config = config;
    this.supervisor = supervisor;
    this.containers = containers;
    this.platform = platform;
    this.clock = clock;
    this.version = version;
    this.endpoint = config.advertisedUrl().orElse("http://localhost:" + httpPort);
  }

  void onStart(@Observes StartupEvent event) {
    startedAt = Instant.now(clock);
    scheduler =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread thread = new Thread(r, "ays-heartbeat");
              thread.setDaemon(true);
              return thread;
            });
    long every = config.heartbeatInterval().toMillis();
    scheduler.scheduleWithFixedDelay(this::beat, 0, every, TimeUnit.MILLISECONDS);
  }

  void onStop(@Observes ShutdownEvent event) {
    if (scheduler != null) {
      scheduler.shutdownNow();
    }
  }

  private void beat() {
    try {
      NodeHeartbeat heartbeat =
          new NodeHeartbeat(
              NodeId.of(config.nodeId()),
              version,
              platform.platform(),
              new Capacity(
                  Runtime.getRuntime().availableProcessors(),
                  Runtime.getRuntime().maxMemory(),
                  config.maxConcurrentActions()),
              (int) supervisor.all().stream().filter(p -> p.isAlive()).count(),
              startedAt,
              Instant.now(clock),
              (int) Math.max(1, config.heartbeatInterval().toSeconds()),
              endpoint,
              containers.runningCount());
      sender.send(
          topics.nodes(),
          config.nodeId(),
          codec.encode(events.create(EventType.NODE_HEARTBEAT, heartbeat)));
    } catch (RuntimeException e) {
      LOG.warnf("heartbeat not sent: %s", e.getMessage());
    }
  }
}
