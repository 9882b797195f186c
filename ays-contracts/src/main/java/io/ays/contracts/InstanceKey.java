package io.ays.contracts;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * A service instance's identity {@code domain/name/instance}: the Kafka key of requests, commands,
 * results, service events and health reports, so that one instance's messages stay in order.
 */
public record InstanceKey(String domain, String name, String instance) {

  /** The instance name used when a request gives none, as in the original AYS. */
  public static final String DEFAULT_INSTANCE = "main";

  public InstanceKey {
    Names.part(domain, "domain");
    Names.part(name, "name");
    Names.part(instance, "instance");
  }

  /** The default instance ({@value #DEFAULT_INSTANCE}) of a template. */
  public static InstanceKey of(String domain, String name) {
    return new InstanceKey(domain, name, DEFAULT_INSTANCE);
  }

  /** Reads {@code domain/name/instance}; the error says which part is wrong. */
  @JsonCreator
  public static InstanceKey parse(String text) {
    Fields.required(text, "instance key");
    String[] parts = text.split("/", -1);
    if (parts.length != 3) {
      throw new InvalidFieldException(
          null,
          "'"
              + Fields.shorten(text)
              + "' is not an instance key: expected domain/name/instance (3 parts), found "
              + parts.length);
    }
    try {
      return new InstanceKey(parts[0], parts[1], parts[2]);
    } catch (InvalidFieldException e) {
      throw new InvalidFieldException(
          null, "'" + Fields.shorten(text) + "' is not an instance key: " + e.getMessage());
    }
  }

  /** The template this is an instance of. */
  public TemplateKey template() {
    return new TemplateKey(domain, name);
  }

  @JsonValue
  @Override
  public String toString() {
    return domain + "/" + name + "/" + instance;
  }
}
