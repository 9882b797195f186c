package io.ays.messaging;

import io.ays.contracts.EventCodec;
import io.ays.contracts.EventFactory;
import io.ays.contracts.Topics;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Makes the contract's plain-Java helpers injectable, configured once per service. Singleton, not
 * application-scoped: they are final classes and records, which cannot be proxied.
 */
public class MessagingBeans {

  @Produces
  @Singleton
  EventCodec eventCodec(
      @ConfigProperty(name = "ays.messages.max-bytes", defaultValue = "1048576") int maxBytes) {
    return new EventCodec(maxBytes);
  }

  /** Events this service makes carry {@code /ays/<application name>} as their source. */
  @Produces
  @Singleton
  EventFactory eventFactory(
      @ConfigProperty(name = "quarkus.application.name") String service, Clock clock) {
    return new EventFactory("/ays/" + service, clock);
  }

  @Produces
  @Singleton
  Topics topics(TopicsConfig config) {
    return new Topics(
        config.templates(),
        config.requests(),
        config.commandsPrefix(),
        config.results(),
        config.serviceEvents(),
        config.health(),
        config.nodes(),
        config.deadLetter());
  }
}
