package io.ays.model.template;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Loads template folders from disk. A template is any folder holding a {@code service.hrd}; its
 * name is the folder's name. Symbolic links are never followed: a link inside a template is a
 * problem (it could point outside the folder), and so is a file over {@link #MAX_FILE_BYTES}.
 */
public final class TemplateLoader {

  /** A file larger than this is refused: templates hold recipes and scripts, not data. */
  public static final long MAX_FILE_BYTES = 4 * 1024 * 1024;

  /** Every template under {@code root} (a metadata repository's working tree), by path. */
  public List<Template> loadAll(String domain, Path root) throws IOException {
    List<Path> folders = new ArrayList<>();
    Files.walkFileTree(
        root,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
            if (dir.getFileName() != null && dir.getFileName().toString().equals(".git")) {
              return FileVisitResult.SKIP_SUBTREE;
            }
            if (Files.isRegularFile(dir.resolve(Template.SERVICE_HRD), LinkOption.NOFOLLOW_LINKS)) {
              folders.add(dir);
            }
            return FileVisitResult.CONTINUE;
          }
        });
    folders.sort(null);
    List<Template> templates = new ArrayList<>();
    for (Path folder : folders) {
      templates.add(load(domain, folder));
    }
    return templates;
  }

  /** The template in {@code folder}, named after the folder. */
  public Template load(String domain, Path folder) throws IOException {
    String name = folder.toAbsolutePath().normalize().getFileName().toString();
    String where = domain + "/" + name + "/";
    Map<String, byte[]> files = new TreeMap<>();
    Set<String> executables = new HashSet<>();
    List<String> problems = new ArrayList<>();
    if (Files.isSymbolicLink(folder)) {
      problems.add(where + ": the template folder is a symbolic link; not followed");
      return Template.fromFiles(domain, name, files, executables, problems);
    }
    try (Stream<Path> paths = Files.walk(folder)) {
      for (Path path : (Iterable<Path>) paths::iterator) {
        String relative = folder.relativize(path).toString().replace('\\', '/');
        if (relative.equals(".git") || relative.startsWith(".git/")) {
          continue;
        }
        if (Files.isSymbolicLink(path)) {
          problems.add(
              where + relative + ": symbolic links are not allowed in a template (not followed)");
        } else if (Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
          long size = Files.size(path);
          if (size > MAX_FILE_BYTES) {
            problems.add(
                where + relative + ": " + size + " bytes, over the limit of " + MAX_FILE_BYTES);
            continue;
          }
          files.put(relative, Files.readAllBytes(path));
          if (Files.isExecutable(path)) {
            executables.add(relative);
          }
        }
      }
    }
    return Template.fromFiles(domain, name, files, executables, problems);
  }
}
