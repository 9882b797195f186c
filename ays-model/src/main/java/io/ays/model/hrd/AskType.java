package io.ays.model.hrd;

import java.util.Locale;

/** The types an {@code @ASK} question can have. */
public enum AskType {
  STR,
  PASSWORD,
  INT,
  FLOAT,
  BOOL,
  LIST,
  MULTILINE,
  DICT,
  DROPDOWN;

  /** Reads a type name as templates write it ({@code str}, {@code string}, {@code int}, ...). */
  public static AskType of(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    return switch (n) {
      case "str", "string" -> STR;
      case "password", "passwd" -> PASSWORD;
      case "int", "integer" -> INT;
      case "float" -> FLOAT;
      case "bool", "boolean" -> BOOL;
      case "list" -> LIST;
      case "multiline" -> MULTILINE;
      case "dict" -> DICT;
      case "dropdown" -> DROPDOWN;
      default ->
          throw new IllegalArgumentException(
              "unknown @ASK type '"
                  + name
                  + "'; expected str, password, int, float, bool, list, multiline, dict or dropdown");
    };
  }
}
