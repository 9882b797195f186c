package io.ays.registry.git;

import java.util.regex.Pattern;

/**
 * The name of a repository hosted by the registry: {@code name} or {@code group/name}, with or
 * without a trailing {@code .git}. Kept this strict because the name becomes a folder under the
 * hosting directory: no {@code ..}, no absolute path, no deeper nesting, so no name can reach a
 * folder outside it.
 *
 * @param group the optional group (null for a top-level repository)
 * @param name the repository's own name, without {@code .git}
 */
public record HostedRepositoryName(String group, String name) {

  static final String RULE =
      "expected 'name' or 'group/name' (an optional '.git' at the end), each part 1-100 letters,"
          + " digits, '.', '_' or '-', starting with a letter or digit, without '..'";

  private static final Pattern PART = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

  public HostedRepositoryName {
    if (group != null) {
      check(group, group + "/" + name);
    }
    check(name, group == null ? name : group + "/" + name);
  }

  /** Parses {@code raw} as written in a URL or a request; explains what is wrong if invalid. */
  public static HostedRepositoryName parse(String raw) {
    if (raw == null || raw.isBlank()) {
      throw new InvalidRepositoryNameException("repository name is empty: " + RULE);
    }
    String text = raw.endsWith(".git") ? raw.substring(0, raw.length() - 4) : raw;
    String[] parts = text.split("/", -1);
    if (parts.length > 2) {
      throw new InvalidRepositoryNameException(
          "repository name '" + raw + "' has " + parts.length + " levels: " + RULE);
    }
    return parts.length == 1
        ? new HostedRepositoryName(null, parts[0])
        : new HostedRepositoryName(parts[0], parts[1]);
  }

  /** The bare repository's folder, relative to the hosting directory. */
  public String relativeDir() {
    return (group == null ? "" : group + "/") + name + ".git";
  }

  /** The canonical form, as listed and as written in URLs: {@code group/name.git}. */
  @Override
  public String toString() {
    return relativeDir();
  }

  private static void check(String part, String whole) {
    if (part == null || !PART.matcher(part).matches() || part.contains("..")) {
      throw new InvalidRepositoryNameException(
          "repository name '" + whole + "' is not allowed: " + RULE);
    }
    if (part.endsWith(".git")) {
      throw new InvalidRepositoryNameException(
          "repository name '" + whole + "' is not allowed: '.git' only once, at the end");
    }
  }

  /** A repository name that breaks the rules; the message says which. */
  public static class InvalidRepositoryNameException extends IllegalArgumentException {
    public InvalidRepositoryNameException(String message) {
      super(message);
    }
  }
}
