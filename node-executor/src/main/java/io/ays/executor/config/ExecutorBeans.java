package io.ays.executor.config;

import io.ays.executor.process.ProcessSupervisor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/** Makes the plain-Java process supervisor a single shared bean of the executor. */
public class ExecutorBeans {

  @Produces
  @ApplicationScoped
  ProcessSupervisor processSupervisor() {
    return new ProcessSupervisor();
  }
}
