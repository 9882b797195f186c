package io.ays.contracts;

/**
 * The rule for file paths inside a template: relative, {@code /}-separated, no {@code .} or {@code
 * ..} segments. Executors write these files to disk, so a path must not escape the folder.
 */
final class TemplatePaths {

  private TemplatePaths() {}

  static void check(String path, String field) {
    String where = MappingErrors.member(field, path);
    if (path.startsWith("/") || path.contains("\\") || path.contains("\0")) {
      throw new InvalidFieldException(where, "must be a relative path with '/' separators");
    }
    for (String segment : path.split("/", -1)) {
      if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
        throw new InvalidFieldException(where, "must not have empty, '.' or '..' segments");
      }
    }
    if (path.equals("service.hrd") || path.equals("instance.hrd")) {
      throw new InvalidFieldException(where, "is given as text in serviceHrd/instanceHrd instead");
    }
  }
}
