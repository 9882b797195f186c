package io.ays.coordinator.domain;

import io.ays.coordinator.persistence.TemplateDefinitionEntity;
import io.ays.model.hrd.HrdParseException;
import io.ays.model.hrd.HrdParser;

/**
 * Which templates make nodes: those whose {@code service.hrd} says {@code category = 'node'}, as
 * the original's {@code node.ssh} and {@code node.docker} do. An instance of one is a node whose id
 * is its instance name; services are placed on it through {@code parent}.
 */
final class NodeTemplates {

  static final String CATEGORY_KEY = "category";
  static final String NODE_CATEGORY = "node";

  private NodeTemplates() {}

  /** The template's category, {@code app} when it names none (the original's default). */
  static String category(TemplateDefinitionEntity template) {
    try {
      return new HrdParser()
          .parse(template.serviceHrd, template.domain + "/" + template.name + "/service.hrd")
          .getString(CATEGORY_KEY, "app");
    } catch (HrdParseException | IllegalArgumentException e) {
      // The registry publishes valid templates only; an unreadable one is no node.
      return "app";
    }
  }

  static boolean isNode(TemplateDefinitionEntity template) {
    return template != null && NODE_CATEGORY.equals(category(template));
  }
}
