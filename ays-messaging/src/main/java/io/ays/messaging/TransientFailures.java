package io.ays.messaging;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.errors.RetriableException;

/**
 * Tells a fault of the infrastructure (the database or the broker is unreachable, restarting or out
 * of resources) from a fault of the work itself. The first is waited out and the same work tried
 * again; only the second may ever turn a message into a dead letter or a request into a rejection.
 */
public final class TransientFailures {

  /** The dependency a transient failure is about, named for operators. */
  public enum Dependency {
    DATABASE("the database"),
    BROKER("the Kafka broker");

    private final String label;

    Dependency(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  /**
   * Exceptions known by name, so that a service without them on its class path (the executor has no
   * Hibernate) can still load this class. Hibernate's is what "Unable to acquire JDBC Connection"
   * arrives as.
   */
  private static final Set<String> DATABASE_UNREACHABLE =
      Set.of("org.hibernate.exception.JDBCConnectionException");

  private TransientFailures() {}

  /** Whether {@code failure} (or any of its causes) says a dependency is unavailable for now. */
  public static boolean isTransient(Throwable failure) {
    return dependencyOf(failure).isPresent();
  }

  /** The dependency that {@code failure} says is unavailable, if it says so. */
  public static Optional<Dependency> dependencyOf(Throwable failure) {
    int depth = 0;
    for (Throwable t = failure; t != null && depth < 32; t = t.getCause(), depth++) {
      Optional<Dependency> found = classify(t);
      if (found.isPresent()) {
        return found;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return Optional.empty();
  }

  private static Optional<Dependency> classify(Throwable t) {
    if (t instanceof RetriableException || t instanceof java.util.concurrent.TimeoutException) {
      // The producer's send timed out or the broker was not reachable: it is not the message.
      return Optional.of(Dependency.BROKER);
    }
    if (t instanceof SQLTransientConnectionException || t instanceof SQLRecoverableException) {
      return Optional.of(Dependency.DATABASE);
    }
    if (t instanceof SQLException sql && isUnavailableState(sql.getSQLState())) {
      return Optional.of(Dependency.DATABASE);
    }
    if (t instanceof SQLException sql
        && sql.getSQLState() == null
        && String.valueOf(sql.getMessage()).contains("acquisition timeout")) {
      // Agroal's pool found no connection in time: the server is down or saturated.
      return Optional.of(Dependency.DATABASE);
    }
    for (Class<?> c = t.getClass(); c != null; c = c.getSuperclass()) {
      if (DATABASE_UNREACHABLE.contains(c.getName())) {
        return Optional.of(Dependency.DATABASE);
      }
    }
    return Optional.empty();
  }

  /**
   * SQLSTATE classes that say the server, not the statement, is the problem: 08 connection
   * exception, 53 insufficient resources (disk full, out of memory, too many connections), 57P01-03
   * admin shutdown, crash shutdown, cannot connect now (starting up), 58 system error (I/O).
   */
  static boolean isUnavailableState(String state) {
    if (state == null || state.length() < 2) {
      return false;
    }
    return state.startsWith("08")
        || state.startsWith("53")
        || state.startsWith("58")
        || state.equals("57P01")
        || state.equals("57P02")
        || state.equals("57P03");
  }
}
