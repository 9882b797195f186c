package io.ays.registry.domain;

import io.ays.registry.config.RegistryConfig;
import io.ays.registry.git.GitMirror;
import io.ays.registry.git.GitSyncException;
import io.ays.registry.git.HostedRepositories;
import io.ays.registry.git.RepositorySource;
import io.ays.registry.metrics.RegistryMetrics;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;
import org.jboss.logging.Logger;

/**
 * Syncs every configured metadata repository: brings its working copy to the branch head (or pinned
 * commit), reads and validates every template, and records the valid ones. One bad template, or one
 * unreachable repository, does not stop the others.
 */
@ApplicationScoped
public class RepositorySyncer {

  private static final Logger LOG = Logger.getLogger(RepositorySyncer.class);

  private final GitMirror mirror = new GitMirror();
  private final ReentrantLock oneSyncAtATime = new ReentrantLock();
  private final List<RepositorySource> sources;
  private final RegistryConfig config;
  private final TemplateReader reader;
  private final TemplateCatalog catalog;
  private final HostedRepositories hosted;
  private final RegistryMetrics metrics;

  public RepositorySyncer(
      RegistryConfig config,
      TemplateReader reader,
      TemplateCatalog catalog,
      HostedRepositories hosted,
      RegistryMetrics metrics) {
    this.config = config;
    this.reader = reader;
    this.catalog = catalog;
    this.hosted = hosted;
    this.metrics = metrics;
    this.sources = RepositorySource.parseList(config.repositories().orElse(""));
  }

  public List<RepositorySource> sources() {
    return sources;
  }

  public SyncReport syncAll() {
    return syncWhere(source -> true);
  }

  /** Syncs the configured repositories that {@code which} selects, in configuration order. */
  public SyncReport syncWhere(Predicate<RepositorySource> which) {
    oneSyncAtATime.lock();
    try {
      List<SyncReport.RepositoryReport> reports = new ArrayList<>();
      for (RepositorySource source : sources) {
        if (which.test(source)) {
          long start = System.nanoTime();
          SyncReport.RepositoryReport report = sync(source);
          metrics.synced(
              report,
              (int) report.invalid().stream().map(RepositorySyncer::templateOf).distinct().count(),
              Duration.ofNanos(System.nanoTime() - start));
          reports.add(report);
        }
      }
      return new SyncReport(reports);
    } finally {
      oneSyncAtATime.unlock();
    }
  }

  private SyncReport.RepositoryReport sync(RepositorySource source) {
    long start = System.nanoTime();
    GitMirror.Checkout checkout;
    try {
      checkout = mirror.sync(fetchable(source), config.workDir().resolve(source.domain()));
    } catch (GitSyncException e) {
      LOG.warn(e.getMessage());
      return new SyncReport.RepositoryReport(
          source.domain(),
          source.url(),
          null,
          List.of(),
          0,
          List.of(),
          e.getMessage(),
          new SyncReport.Timings(millisSince(start), 0, 0));
    }
    long fetched = System.nanoTime();
    List<TemplateSnapshot> snapshots = reader.readAll(source.domain(), checkout.workTree());
    long read = System.nanoTime();
    List<String> published = new ArrayList<>();
    List<String> invalid = new ArrayList<>();
    int unchanged = 0;
    for (TemplateSnapshot snapshot : snapshots) {
      String key = snapshot.domain() + "/" + snapshot.name();
      if (!snapshot.valid()) {
        snapshot.problems().forEach(problem -> invalid.add(key + ": " + problem));
        LOG.warnf("template %s is invalid and not published: %s", key, snapshot.problems());
        continue;
      }
      boolean isNew =
          QuarkusTransaction.requiringNew()
              .call(() -> catalog.record(snapshot, source.url(), checkout.commit()));
      if (isNew) {
        published.add(key);
      } else {
        unchanged++;
      }
    }
    SyncReport.Timings timings =
        new SyncReport.Timings(
            (fetched - start) / 1_000_000, (read - fetched) / 1_000_000, millisSince(read));
    LOG.infof(
        "synced %s at %s: %d published, %d unchanged, %d problem(s); fetch %d ms, read %d ms,"
            + " store %d ms",
        source.domain(),
        checkout.commit(),
        published.size(),
        unchanged,
        invalid.size(),
        timings.fetchMillis(),
        timings.readMillis(),
        timings.storeMillis());
    return new SyncReport.RepositoryReport(
        source.domain(),
        source.url(),
        checkout.commit(),
        published,
        unchanged,
        invalid,
        null,
        timings);
  }

  /** The template a problem line ({@code domain/name: problem}) is about. */
  private static String templateOf(String problem) {
    int colon = problem.indexOf(": ");
    return colon < 0 ? problem : problem.substring(0, colon);
  }

  private static long millisSince(long start) {
    return (System.nanoTime() - start) / 1_000_000;
  }

  /** A hosted repository is fetched straight from its folder; any other from its url. */
  private RepositorySource fetchable(RepositorySource source) {
    return source
        .hostedName()
        .map(name -> source.withUrl(hosted.directory(name).toUri().toString()))
        .orElse(source);
  }
}
