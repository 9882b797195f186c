package io.ays.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.ays.messaging.TransientFailures.Dependency;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.common.errors.NotLeaderOrFollowerException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;

class TransientFailuresTest {

  @Test
  void aConnectionFailureDeepInTheCausesIsTheDatabaseBeingUnavailable() {
    RuntimeException wrapped =
        new IllegalStateException(
            "transaction failed",
            new RuntimeException("could not execute", new SQLException("refused", "08001")));
    assertThat(TransientFailures.dependencyOf(wrapped)).contains(Dependency.DATABASE);
  }

  @Test
  void serverShutdownStartupAndResourceStatesAreTransient() {
    for (String state : new String[] {"08006", "53100", "53300", "57P01", "57P02", "57P03"}) {
      assertThat(TransientFailures.isTransient(new SQLException("x", state))).as(state).isTrue();
    }
    assertThat(TransientFailures.isTransient(new SQLTransientConnectionException("pool"))).isTrue();
    assertThat(TransientFailures.isTransient(new SQLException("Sorry, acquisition timeout!")))
        .isTrue();
  }

  @Test
  void faultsOfTheStatementOrTheDataAreNotTransient() {
    // syntax error, not-null violation, invalid text, a query cancelled by its own timeout
    for (String state : new String[] {"42601", "23502", "22P02", "57014"}) {
      assertThat(TransientFailures.isTransient(new SQLException("x", state))).as(state).isFalse();
    }
    assertThat(TransientFailures.isTransient(new SQLException("no state"))).isFalse();
    assertThat(TransientFailures.isTransient(new IllegalArgumentException("bad"))).isFalse();
  }

  @Test
  void aBrokerTimeoutOrLeaderChangeIsTheBrokerAndATooLargeRecordIsNot() {
    RuntimeException timedOut =
        new IllegalStateException(
            "could not send", new ExecutionException(new TimeoutException("expired")));
    assertThat(TransientFailures.dependencyOf(timedOut)).contains(Dependency.BROKER);
    assertThat(TransientFailures.dependencyOf(new NotLeaderOrFollowerException("moving")))
        .contains(Dependency.BROKER);
    assertThat(TransientFailures.isTransient(new RecordTooLargeException("too big"))).isFalse();
  }

  @Test
  void aCauseChainThatLoopsEnds() {
    RuntimeException a = new RuntimeException("a");
    RuntimeException b = new RuntimeException("b", a);
    a.initCause(b);
    assertThat(TransientFailures.isTransient(b)).isFalse();
  }
}
