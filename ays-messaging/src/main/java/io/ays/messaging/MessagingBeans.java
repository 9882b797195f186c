package io.ays.messaging;

import io.ays.contracts.EventCodec;
import io.ays.contracts.EventFactory;
import io.ays.contracts.Topics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Clock;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Makes the contract's plain-Java helpers injectable, configured once per service. */
public class MessagingBeans {

  @Produces
  @ApplicationScoped
  EventCodec eventCodec(
      @ConfigProperty(name = "ays.messages.max-bytes", defaultValue = "1048576") int maxBytes) {
    return new EventCodec(maxBytes);
  }

  /** Events this service makes carry {@code /ays/<application name>} as their source. */
  @Produces
  @ApplicationScoped
  EventFactory eventFactory(
      @ConfigProperty(name = "quarkus.application.name") String service, Clock clock) {
    return new EventFactory("/ays/" + service, clock);
  }

  @Produces
  @ApplicationScoped
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
