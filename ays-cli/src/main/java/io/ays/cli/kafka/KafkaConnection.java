package io.ays.cli.kafka;

import java.nio.file.Path;

/**
 * How the command line reaches Kafka: the bootstrap servers and, if one was named (--kafka-config,
 * {@code AYS_KAFKA_CLIENT_CONFIG} or the context), the client settings file with the credentials.
 *
 * @param bootstrap host:port[,host:port...]
 * @param clientConfig the client settings file, or null for the default ({@code
 *     $AYS_HOME/cli/kafka.properties} if {@code ./ays up} wrote it, else a plain connection)
 */
public record KafkaConnection(String bootstrap, Path clientConfig) {

  /** The bootstrap servers, as error messages name Kafka's address. */
  @Override
  public String toString() {
    return bootstrap;
  }
}
