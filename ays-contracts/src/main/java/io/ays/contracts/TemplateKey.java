package io.ays.contracts;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * A template's identity {@code domain/name}; the key of {@code ays.templates}. The domain is the
 * name of the metadata repository the template came from.
 */
public record TemplateKey(String domain, String name) {

  public TemplateKey {
    Names.part(domain, "domain");
    Names.part(name, "name");
  }

  /** Reads {@code domain/name}. */
  @JsonCreator
  public static TemplateKey parse(String text) {
    Fields.required(text, "template key");
    String[] parts = text.split("/", -1);
    if (parts.length != 2) {
      throw new InvalidFieldException(
          null, "'" + Fields.shorten(text) + "' is not a template key: expected domain/name");
    }
    try {
      return new TemplateKey(parts[0], parts[1]);
    } catch (InvalidFieldException e) {
      throw new InvalidFieldException(
          null, "'" + Fields.shorten(text) + "' is not a template key: " + e.getMessage());
    }
  }

  /** The instance of this template with the given instance name. */
  public InstanceKey instance(String instance) {
    return new InstanceKey(domain, name, instance);
  }

  @JsonValue
  @Override
  public String toString() {
    return domain + "/" + name;
  }
}
