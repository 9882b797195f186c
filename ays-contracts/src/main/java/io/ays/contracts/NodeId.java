package io.ays.contracts;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.regex.Pattern;

/**
 * The id of a node (a machine running a node-executor; the management location is a node too). It
 * names the node's command topic {@code ays.commands.<id>}, hence the narrow rule: lower-case
 * letters, digits, {@code _} and {@code -}, starting with a letter or digit, at most 63 characters.
 * No dots and no upper case: Kafka treats {@code .} and {@code _} in topic names as colliding, and
 * {@code Node1}/{@code node1} would be two topics for one machine.
 */
public record NodeId(String value) {

  static final String RULE =
      "lower-case letters, digits, '_' and '-', starting with a letter or digit, at most 63"
          + " characters";

  private static final Pattern PATTERN = Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}");

  public NodeId {
    Fields.required(value, "node");
    if (!PATTERN.matcher(value).matches()) {
      throw new InvalidFieldException(
          null, "'" + Fields.shorten(value) + "' is not a node id: " + RULE);
    }
  }

  @JsonCreator
  public static NodeId of(String value) {
    return new NodeId(value);
  }

  @JsonValue
  @Override
  public String toString() {
    return value;
  }
}
