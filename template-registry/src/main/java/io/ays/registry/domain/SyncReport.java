package io.ays.registry.domain;

import java.util.List;

/** What one sync of every repository did, repository by repository. */
public record SyncReport(List<RepositoryReport> repositories) {

  /**
   * One repository's sync.
   *
   * @param published the templates that got a new current version (and were published)
   * @param unchanged how many templates were already current
   * @param invalid every problem of every template that failed validation (file:line: message);
   *     those templates were not published, the rest of the repository was
   * @param error why the repository itself could not be synced, or null
   * @param timings how long each step took, so a slow sync shows where its time went
   */
  public record RepositoryReport(
      String domain,
      String url,
      String commit,
      List<String> published,
      int unchanged,
      List<String> invalid,
      String error,
      Timings timings) {}

  /**
   * @param fetchMillis clone or fetch, and check-out
   * @param readMillis finding, reading and validating every template
   * @param storeMillis storing new versions and queueing their definitions
   */
  public record Timings(long fetchMillis, long readMillis, long storeMillis) {}
}
