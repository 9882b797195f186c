package io.ays.monitor.persistence;

import io.ays.messaging.AgedRecords;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;

/**
 * Forgets runs as old as the processed-message ids ({@code ays.messaging.processed-retention}, 14
 * days): the runs view shows recent runs, and the coordinator keeps every run for good.
 */
@ApplicationScoped
public class RunRetention implements AgedRecords {

  @Override
  public String description() {
    return "runs";
  }

  @Override
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public long forgetBefore(Instant cutoff) {
    return RunEntity.forgetBefore(cutoff);
  }
}
