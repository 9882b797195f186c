package io.ays.executor.metrics;

import io.micrometer.core.instrument.config.MeterFilter;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * Of the Kafka clients' own meters, the executor keeps only consumer lag (whether its commands
 * wait). The binder registers a few hundred meters for the executor's three Kafka clients; kept,
 * they cost an idle executor about 2 MiB of heap on every node (docs/benchmarks.md, "node-executor
 * footprint"), and the coordinator's and broker's series already describe the traffic.
 */
@Singleton
public class KafkaClientMeters {

  static final String KEPT = "kafka.consumer.fetch.manager.records.lag.max";

  @Produces
  @Singleton
  MeterFilter onlyConsumerLag() {
    return MeterFilter.deny(id -> id.getName().startsWith("kafka.") && !id.getName().equals(KEPT));
  }
}
