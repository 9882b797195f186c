package io.ays.registry.metrics;

import io.ays.messaging.DurationBuckets;
import io.ays.registry.domain.SyncReport;
import io.ays.registry.persistence.TemplateVersionEntity;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * The registry's Prometheus series: syncs by repository and outcome, their duration as a histogram,
 * and templates by state (current: with a published current version; invalid: failing validation in
 * the latest sync of their repository). The {@code domain} label is a configured repository,
 * bounded by the configuration rather than by traffic. The counts are taken after each sync, never
 * on the scrape thread, so a database outage cannot hold a scrape up.
 */
@Startup
@ApplicationScoped
public class RegistryMetrics {

  private static final Logger LOG = Logger.getLogger(RegistryMetrics.class);

  /** How a repository's sync ended. */
  public enum Outcome {
    /** Every template was valid. */
    OK,
    /** The repository was synced, some templates failed validation and were not published. */
    INVALID,
    /** The repository could not be fetched. */
    FAILED
  }

  private final MeterRegistry registry;
  private final AtomicLong current = new AtomicLong();
  private final Map<String, Integer> invalidByDomain = new ConcurrentHashMap<>();

  public RegistryMetrics(MeterRegistry registry) {
    this.registry = registry;
    Gauge.builder("ays.registry.templates", current, AtomicLong::doubleValue)
        .description("Templates by state: current (published) or invalid (in the latest sync)")
        .tag("state", "current")
        .register(registry);
    Gauge.builder(
            "ays.registry.templates",
            invalidByDomain,
            m -> m.values().stream().mapToInt(Integer::intValue).sum())
        .description("Templates by state: current (published) or invalid (in the latest sync)")
        .tag("state", "invalid")
        .register(registry);
  }

  /** One repository's sync ended after {@code took}; {@code invalidTemplates} failed validation. */
  public void synced(SyncReport.RepositoryReport report, int invalidTemplates, Duration took) {
    Outcome outcome =
        report.error() != null
            ? Outcome.FAILED
            : invalidTemplates > 0 ? Outcome.INVALID : Outcome.OK;
    String label = outcome.name().toLowerCase(java.util.Locale.ROOT);
    Counter.builder("ays.registry.syncs")
        .description("Repository syncs by outcome")
        .tag("domain", report.domain())
        .tag("outcome", label)
        .register(registry)
        .increment();
    Timer.builder("ays.registry.sync.duration")
        .description("How long a repository's sync took: fetch, read and validate, store")
        .tag("domain", report.domain())
        .tag("outcome", label)
        .serviceLevelObjectives(DurationBuckets.upTo(Duration.ofMinutes(10)))
        .register(registry)
        .record(took);
    if (outcome != Outcome.FAILED) {
      invalidByDomain.put(report.domain(), invalidTemplates);
    }
    try {
      current.set(QuarkusTransaction.requiringNew().call(TemplateVersionEntity::countCurrent));
    } catch (RuntimeException e) {
      LOG.debugf("current templates not counted: %s", e.getMessage());
    }
  }
}
