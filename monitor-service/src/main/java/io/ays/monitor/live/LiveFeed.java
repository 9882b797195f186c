package io.ays.monitor.live;

import io.ays.monitor.api.InstanceHealthView;
import io.ays.monitor.metrics.MonitorMetrics;
import io.ays.monitor.persistence.InstanceHealthEntity;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.BackPressureFailure;
import io.smallrye.mutiny.subscription.MultiEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jboss.logging.Logger;

/**
 * Fans committed changes out to every open event stream. Each change is sent with the instance's
 * state as committed, read on one thread of its own: the consumers never wait for slow clients, and
 * every client sees the changes in commit order.
 */
@ApplicationScoped
public class LiveFeed {

  private static final Logger LOG = Logger.getLogger(LiveFeed.class);

  private final Set<MultiEmitter<? super LiveEvent>> clients = ConcurrentHashMap.newKeySet();
  private final MonitorMetrics metrics;
  private final ExecutorService publisher =
      Executors.newSingleThreadExecutor(
          task -> {
            Thread thread = new Thread(task, "ays-live-feed");
            thread.setDaemon(true);
            return thread;
          });

  public LiveFeed(MonitorMetrics metrics) {
    this.metrics = metrics;
  }

  /**
   * The most changes kept for one client that does not read them as fast as they come; past it the
   * client is dropped (its stream ends with an error, and a dashboard reloads), so that a client
   * that stops reading cannot make the monitor hold its events without end.
   */
  static final int MAX_PENDING = 256;

  /** The changes from now on, for one client; ends when the client goes away or falls behind. */
  public Multi<LiveEvent> changes() {
    return Multi.createFrom()
        .<LiveEvent>emitter(
            emitter -> {
              clients.add(emitter);
              emitter.onTermination(() -> clients.remove(emitter));
            })
        .onOverflow()
        .buffer(MAX_PENDING)
        .onFailure(BackPressureFailure.class)
        .invoke(
            failure -> {
              metrics.liveClientDropped();
              LOG.infof(
                  "dropped a live-feed client: it fell %d changes behind (it reconnects to go on)",
                  MAX_PENDING);
            });
  }

  /** Called after commit (on the committing thread): queues the changes for the clients. */
  void publishCommitted(List<InstanceChange> changes) {
    try {
      publisher.execute(() -> send(changes));
    } catch (RuntimeException e) {
      LOG.debugf("live feed stopped; %d changes not streamed", changes.size());
    }
  }

  private void send(List<InstanceChange> changes) {
    try {
      metrics.refresh();
      if (clients.isEmpty()) {
        return;
      }
      for (InstanceChange change : changes) {
        InstanceHealthView view =
            QuarkusTransaction.requiringNew()
                .call(
                    () -> {
                      InstanceHealthEntity health =
                          InstanceHealthEntity.findById(change.instanceKey());
                      return health == null ? null : InstanceHealthView.of(health);
                    });
        LiveEvent event = LiveEvent.change(change, view);
        for (MultiEmitter<? super LiveEvent> client : clients) {
          client.emit(event);
        }
      }
    } catch (RuntimeException e) {
      // A dashboard missing one change is better than the feed thread dying; it reloads on error.
      LOG.warnf(e, "streaming %d changes failed", changes.size());
    }
  }

  void onStop(@Observes ShutdownEvent event) {
    for (MultiEmitter<? super LiveEvent> client : clients) {
      client.complete();
    }
    publisher.shutdownNow();
  }
}
