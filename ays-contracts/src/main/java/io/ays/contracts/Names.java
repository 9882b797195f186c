package io.ays.contracts;

import java.util.regex.Pattern;

/**
 * The character rules for the parts of template and instance keys. Parts become Kafka keys, folder
 * names ({@code <domain>__<name>__<instance>}) and URL path segments, so they are kept to letters,
 * digits, {@code .}, {@code _} and {@code -}, never start with {@code .} or {@code -} (hidden
 * files, command-line options) and are at most {@value #MAX_PART_LENGTH} characters.
 */
final class Names {

  static final int MAX_PART_LENGTH = 100;

  static final String PART_RULE =
      "letters, digits, '.', '_' and '-', starting with a letter, digit or '_', at most "
          + MAX_PART_LENGTH
          + " characters";

  private static final Pattern PART = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0,99}");

  private Names() {}

  static String part(String value, String field) {
    Fields.required(value, field);
    if (value.isEmpty()) {
      throw new InvalidFieldException(field, "must not be empty");
    }
    return Fields.matching(value, PART, PART_RULE, field);
  }
}
