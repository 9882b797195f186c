package io.ays.executor.binary;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Puts an exported source at its dest, by copy (files are overwritten, files only in dest stay, as
 * the original merged) or by symbolic link (an existing link is replaced; a real file or folder in
 * the way is refused rather than deleted).
 */
final class Placement {

  private Placement() {}

  /** Places {@code source} and returns how many entries were placed. */
  static int place(String entry, ExportPaths.Source source, Path dest, boolean link)
      throws IOException {
    List<Path[]> pairs = new ArrayList<>();
    if (source.contents()) {
      try (Stream<Path> children = Files.list(source.path())) {
        children
            .filter(child -> !child.getFileName().toString().equals(".git"))
            .sorted()
            .forEach(child -> pairs.add(new Path[] {child, dest.resolve(child.getFileName())}));
      }
      Files.createDirectories(dest);
    } else {
      pairs.add(new Path[] {source.path(), dest});
    }
    for (Path[] pair : pairs) {
      if (link) {
        link(entry, pair[0], pair[1]);
      } else {
        copy(pair[0], pair[1]);
      }
    }
    return pairs.size();
  }

  private static void link(String entry, Path target, Path at) throws IOException {
    if (Files.isSymbolicLink(at)) {
      Files.delete(at);
    } else if (Files.exists(at, LinkOption.NOFOLLOW_LINKS)) {
      throw new ExportException(
          entry + ": dest '" + at + "' exists and is not a link; remove it to link it instead");
    }
    Files.createDirectories(at.getParent());
    Files.createSymbolicLink(at, target);
  }

  private static void copy(Path from, Path to) throws IOException {
    if (Files.isSymbolicLink(to)) {
      Files.delete(to); // was linked by an earlier export: copy replaces the link
    }
    if (!Files.isDirectory(from, LinkOption.NOFOLLOW_LINKS)) {
      Files.createDirectories(to.toAbsolutePath().getParent());
      copyOne(from, to);
      return;
    }
    Files.walkFileTree(
        from,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs)
              throws IOException {
            Path target = to.resolve(from.relativize(dir).toString());
            if (Files.isSymbolicLink(target)) {
              Files.delete(target);
            }
            Files.createDirectories(target);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            copyOne(file, to.resolve(from.relativize(file).toString()));
            return FileVisitResult.CONTINUE;
          }
        });
  }

  private static void copyOne(Path from, Path to) throws IOException {
    if (Files.isDirectory(to, LinkOption.NOFOLLOW_LINKS)) {
      throw new IOException(to + " is a folder; cannot replace it with a file");
    }
    Files.copy(
        from,
        to,
        StandardCopyOption.REPLACE_EXISTING,
        StandardCopyOption.COPY_ATTRIBUTES,
        LinkOption.NOFOLLOW_LINKS);
  }
}
