package io.ays.monitor.live;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.ArrayList;
import java.util.List;

/**
 * Gathers the changes of the current transaction and hands them to the {@link LiveFeed} only once
 * it committed: a dashboard must never show a change that was rolled back.
 */
@ApplicationScoped
public class ChangeCollector {

  private static final Object KEY = ChangeCollector.class;

  private final TransactionSynchronizationRegistry transactions;
  private final LiveFeed feed;

  public ChangeCollector(TransactionSynchronizationRegistry transactions, LiveFeed feed) {
    this.transactions = transactions;
    this.feed = feed;
  }

  /** Adds a change to the caller's transaction; it is published after commit. */
  public void add(InstanceChange change) {
    @SuppressWarnings("unchecked")
    List<InstanceChange> changes = (List<InstanceChange>) transactions.getResource(KEY);
    if (changes == null) {
      List<InstanceChange> created = new ArrayList<>();
      changes = created;
      transactions.putResource(KEY, created);
      transactions.registerInterposedSynchronization(
          new Synchronization() {
            @Override
            public void beforeCompletion() {}

            @Override
            public void afterCompletion(int status) {
              if (status == Status.STATUS_COMMITTED) {
                feed.publishCommitted(created);
              }
            }
          });
    }
    changes.add(change);
  }
}
