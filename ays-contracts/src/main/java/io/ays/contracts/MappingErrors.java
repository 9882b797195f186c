package io.ays.contracts;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import java.time.temporal.Temporal;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Turns Jackson's binding errors into the contract's wording: the JSON path of the field ({@code
 * data.files["hooks/start"].content}) and what is wrong, without Java class names.
 */
final class MappingErrors {

  private static final Pattern SIMPLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private MappingErrors() {}

  /** The JSON path of a member: {@code parent.name}, or {@code parent["a/b"]} for other keys. */
  static String member(String parent, String name) {
    return SIMPLE_NAME.matcher(name).matches()
        ? parent + "." + name
        : parent + "[\"" + name.replace("\"", "\\\"") + "\"]";
  }

  /** The field and problem of a binding error of the value found at {@code root}. */
  static FieldProblem describe(String root, JsonMappingException e) {
    String path = root;
    for (JsonMappingException.Reference ref : e.getPath()) {
      if (ref.getFieldName() != null) {
        path = member(path, ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        path = path + "[" + ref.getIndex() + "]";
      }
    }
    InvalidFieldException invalid = invalidFieldIn(e);
    if (invalid != null) {
      String field = invalid.field() == null ? path : path + "." + invalid.field();
      return new FieldProblem(field, invalid.problem());
    }
    if (e instanceof InvalidFormatException format) {
      return new FieldProblem(path, "'" + format.getValue() + "' is not " + expected(format));
    }
    if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
      return new FieldProblem(path, "expected " + kind(mismatch.getTargetType()));
    }
    return new FieldProblem(path, e.getOriginalMessage());
  }

  private static InvalidFieldException invalidFieldIn(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof InvalidFieldException invalid) {
        return invalid;
      }
    }
    return null;
  }

  private static String expected(MismatchedInputException e) {
    return e.getTargetType() == null ? "valid here" : kind(e.getTargetType());
  }

  private static String kind(Class<?> type) {
    if (type.isEnum()) {
      return "one of " + Arrays.toString(type.getEnumConstants());
    }
    if (type == Integer.class || type == int.class) {
      return "an integer";
    }
    if (type == Long.class || type == long.class) {
      return "an integer";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "true or false";
    }
    if (type == String.class || type == InstanceKey.class || type == NodeId.class) {
      return "a string";
    }
    if (type == UUID.class) {
      return "a UUID";
    }
    if (Temporal.class.isAssignableFrom(type)) {
      return "an RFC 3339 time such as 2025-05-01T10:15:30Z";
    }
    if (Collection.class.isAssignableFrom(type) || type.isArray()) {
      return "an array";
    }
    if (Map.class.isAssignableFrom(type) || type.isRecord()) {
      return "an object";
    }
    return "a " + type.getSimpleName();
  }

  /** A field's JSON path and what is wrong with it. */
  record FieldProblem(String field, String problem) {}
}
