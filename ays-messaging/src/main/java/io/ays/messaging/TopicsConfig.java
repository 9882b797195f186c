package io.ays.messaging;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Topic names, configurable per deployment ({@code ays.topics.*}); defaults as in DESIGN.md. */
@ConfigMapping(prefix = "ays.topics")
public interface TopicsConfig {

  @WithDefault("ays.templates")
  String templates();

  @WithDefault("ays.requests")
  String requests();

  /** Commands for node {@code n} go to {@code <commands-prefix>n}. */
  @WithDefault("ays.commands.")
  String commandsPrefix();

  @WithDefault("ays.results")
  String results();

  @WithDefault("ays.service-events")
  String serviceEvents();

  @WithDefault("ays.health")
  String health();

  @WithDefault("ays.nodes")
  String nodes();

  @WithDefault("ays.dead-letter")
  String deadLetter();
}
