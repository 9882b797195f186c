package io.ays.executor.binary;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The path rules of {@code git.export.N}: {@code source} stays inside the repository, and {@code
 * dest} (relative to the instance folder, or absolute) stays inside one of the allowed roots: the
 * instance folder, the executor's data folder and the configured {@code ays.executor.export-roots}.
 * Checked lexically and again through symbolic links of the folders that already exist, so a link
 * cannot carry a write outside.
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
    if (written.startsWith("/") || written.contains("\\")) {
      throw refused(entry, "source", source, "must be a path inside the repository");
    }
    for (String part : written.split("/")) {
      if (part.equals("..") || part.contains("*")) {
        throw refused(entry, "source", source, "must be a path inside the repository");
      }
    }
    Path path = tree.resolve(written).normalize();
    if (!path.startsWith(tree)) {
      throw refused(entry, "source", source, "escapes the repository");
    }
    if (!Files.exists(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      throw refused(entry, "source", source, "does not exist in the repository");
    }
    if (contents && !Files.isDirectory(path)) {
      throw refused(entry, "source", source, "ends with '*' but is not a folder");
    }
    // Empty source: the whole repository, i.e. its contents.
    return new Source(path, contents || written.isEmpty() || written.equals("/"));
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

  /** Whether the deepest existing folder of {@code path}, with links followed, is still inside. */
  private static boolean throughLinksInside(Path path, List<Path> allowed) {
    Path existing = path.getParent();
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    if (existing == null) {
      return false;
    }
    try {
      Path real = existing.toRealPath();
      for (Path root : allowed) {
        Path realRoot = Files.exists(root) ? root.toRealPath() : root;
        if (real.startsWith(realRoot) || realRoot.startsWith(real)) {
          return true;
        }
      }
      return false;
    } catch (IOException e) {
      return false;
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
