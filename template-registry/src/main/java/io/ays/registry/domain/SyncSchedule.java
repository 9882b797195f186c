package io.ays.registry.domain;

import io.ays.registry.config.RegistryConfig;
import io.ays.registry.git.HostedPush;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Syncs the repositories at start-up (unless turned off) and then every {@code
 * ays.registry.sync-interval}.
 */
@ApplicationScoped
public class SyncSchedule {

  private static final Logger LOG = Logger.getLogger(SyncSchedule.class);

  private final RepositorySyncer syncer;
  private final RegistryConfig config;
  private ScheduledExecutorService scheduler;

  public SyncSchedule(RepositorySyncer syncer, RegistryConfig config) {
    this.syncer = syncer;
    this.config = config;
  }

  void onStart(@Observes StartupEvent event) {
    scheduler =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread thread = new Thread(r, "ays-registry-sync");
              thread.setDaemon(true);
              return thread;
            });
    long every = config.syncInterval().toMillis();
    long first = config.syncOnStart() ? 0 : every;
    scheduler.scheduleWithFixedDelay(this::syncQuietly, first, every, TimeUnit.MILLISECONDS);
  }

  void onStop(@Observes ShutdownEvent event) {
    if (scheduler != null) {
      scheduler.shutdownNow();
    }
  }

  /**
   * A push to a hosted repository syncs the metadata repositories read from it, on the sync thread:
   * the push answers at once, and syncs never overlap.
   */
  void onPush(@Observes HostedPush push) {
    if (scheduler == null
        || syncer.sources().stream()
            .noneMatch(s -> s.hostedName().filter(push.repository()::equals).isPresent())) {
      return;
    }
    scheduler.execute(
        () -> {
          try {
            syncer.syncWhere(s -> s.hostedName().filter(push.repository()::equals).isPresent());
          } catch (RuntimeException e) {
            LOG.errorf(e, "sync after a push to %s failed", push.repository());
          }
        });
  }

  private void syncQuietly() {
    try {
      syncer.syncAll();
    } catch (RuntimeException e) {
      LOG.errorf(e, "scheduled sync failed");
    }
  }
}
