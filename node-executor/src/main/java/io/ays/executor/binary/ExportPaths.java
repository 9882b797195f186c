package io.ays.executor.binary;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The path rules of {@code git.export.N} and {@code config.render.N}: {@code source} stays inside
 * the repository (or the template folder), and {@code dest} (relative to the instance folder, or
 * absolute) stays inside one of the allowed roots: the instance folder, the executor's data folder
 * and the configured {@code ays.executor.export-roots}. Checked lexically and again through
 * symbolic links of the folders that already exist, so a link cannot carry a write outside.
 */
public final class ExportPaths {

  private final List<Path> roots;

  /** {@code roots}: the folders a dest may lie in (made absolute and normalised here). */
  public ExportPaths(List<Path> roots) {
    List<Path> normalised = new ArrayList<>();
    roots.forEach(root -> normalised.add(root.toAbsolutePath().normalize()));
    this.roots = List.copyOf(normalised);
  }

  /**
   * The source inside {@code tree} (the exported commit), and whether it means the folder's
   * contents (trailing {@code *}).
   */
  public Source source(String entry, String source, Path tree) {
    String written = source == null ? "" : source.strip();
    boolean contents = written.endsWith("*");
    if (contents) {
      written = written.substring(0, written.length() - 1);
    }
    if (written.contains("*")) {
      throw refused(entry, "source", source, "must be a path inside the repository");
    }
    Path path = inside(entry, "source", source, written, tree, "the repository");
    if (!Files.exists(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      throw refused(entry, "source", source, "does not exist in the repository");
    }
    if (contents && !Files.isDirectory(path)) {
      throw refused(entry, "source", source, "ends with '*' but is not a folder");
    }
    // Empty source: the whole repository, i.e. its contents.
    return new Source(path, contents || written.isEmpty() || written.equals("/"));
  }

  /**
   * The file {@code source} names inside {@code templateDir}: a relative path that stays inside it,
   * also through symbolic links, and names an existing regular file.
   */
  public Path templateFile(String entry, String source, Path templateDir) {
    String written = source == null ? "" : source.strip();
    if (written.isEmpty()) {
      throw refused(entry, "source", source, "is required");
    }
    if (written.contains("$(")) {
      throw refused(entry, "source", source, "holds a reference that was not resolved");
    }
    Path root = templateDir.toAbsolutePath().normalize();
    Path path = inside(entry, "source", source, written, root, "the template folder");
    if (!Files.exists(path)) {
      throw refused(entry, "source", source, "does not exist in the template folder");
    }
    try {
      if (!path.toRealPath().startsWith(root.toRealPath())) {
        throw refused(entry, "source", source, "leads out of the template folder by a link");
      }
    } catch (IOException e) {
      throw refused(entry, "source", source, "cannot be read: " + e.getMessage());
    }
    if (!Files.isRegularFile(path)) {
      throw refused(entry, "source", source, "is not a file");
    }
    return path;
  }

  /** {@code written} (relative, no {@code ..}) resolved in {@code root}, or refused. */
  private static Path inside(
      String entry, String field, String value, String written, Path root, String rootName) {
    if (written.startsWith("/") || written.contains("\\")) {
      throw refused(entry, field, value, "must be a path inside " + rootName);
    }
    for (String part : written.split("/")) {
      if (part.equals("..")) {
        throw refused(entry, field, value, "must be a path inside " + rootName);
      }
    }
    Path path = root.resolve(written).normalize();
    if (!path.startsWith(root)) {
      throw refused(entry, field, value, "escapes " + rootName);
    }
    return path;
  }

  /** Where {@code dest} points, relative to {@code instanceDir}, checked against the roots. */
  public Path dest(String entry, String dest, Path instanceDir) {
    if (dest == null || dest.isBlank()) {
      throw refused(entry, "dest", dest, "is required");
    }
    if (dest.contains("$(")) {
      throw refused(entry, "dest", dest, "holds a reference that was not resolved");
    }
    for (String part : dest.split("[/\\\\]")) {
      if (part.equals("..")) {
        throw refused(entry, "dest", dest, "must not contain '..'");
      }
    }
    Path base = instanceDir.toAbsolutePath().normalize();
    Path path = base.resolve(dest.strip()).normalize();
    List<Path> allowed = new ArrayList<>(roots);
    allowed.add(base);
    if (allowed.stream().noneMatch(path::startsWith) || !throughLinksInside(path, allowed)) {
      throw refused(
          entry,
          "dest",
          dest,
          "is outside the allowed roots "
              + allowed
              + " (add its folder to ays.executor.export-roots to allow it)");
    }
    if (allowed.contains(path)) {
      throw refused(entry, "dest", dest, "is an allowed root itself; name a folder inside it");
    }
    return path;
  }

  /**
   * Whether {@code path} is still inside a root once the links of its folders are followed (its
   * last part is not followed: a link there is replaced by the writers, never written through).
   */
  private static boolean throughLinksInside(Path path, List<Path> allowed) {
    Path folder = realised(path.getParent());
    if (folder == null) {
      return false;
    }
    Path target = folder.resolve(path.getFileName().toString());
    for (Path root : allowed) {
      Path realRoot = realised(root);
      if (realRoot != null && target.startsWith(realRoot)) {
        return true;
      }
    }
    return false;
  }

  /**
   * {@code path} with its deepest existing part's links followed and the parts that do not exist
   * yet appended; null if that part cannot be resolved (e.g. a dangling link).
   */
  private static Path realised(Path path) {
    Path existing = path;
    while (existing != null && !Files.exists(existing, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      existing = existing.getParent();
    }
    if (existing == null) {
      return null;
    }
    try {
      return existing.toRealPath().resolve(existing.relativize(path).toString());
    } catch (IOException e) {
      return null;
    }
  }

  private static ExportException refused(String entry, String field, String value, String why) {
    return new ExportException(entry + ": " + field + " '" + value + "' " + why);
  }

  /**
   * @param path the file or folder in the exported tree
   * @param contents whether its entries go into dest (rather than the folder becoming dest)
   */
  public record Source(Path path, boolean contents) {}
}
