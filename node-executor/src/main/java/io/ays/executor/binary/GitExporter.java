package io.ays.executor.binary;

import io.ays.executor.node.NodePlatform;
import io.ays.model.template.GitExport;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Carries out the {@code git.export.N} entries of an instance (the {@code fetch} phase): each
 * repository through the {@link GitCache}, each source placed at its dest by copy or link. Entries
 * for another platform are skipped. Every path and source ({@link GitSources}) is checked before
 * anything is fetched or written; a bad entry stops the export with an error naming it.
 */
public final class GitExporter {

  private final GitCache cache;
  private final ExportPaths paths;
  private final NodePlatform platform;
  private final GitSources sources;

  public GitExporter(GitCache cache, ExportPaths paths, NodePlatform platform, GitSources sources) {
    this.cache = cache;
    this.paths = paths;
    this.platform = platform;
    this.sources = sources;
  }

  /** One line per entry saying what was done. */
  public List<String> export(List<GitExport> exports, Path instanceDir) {
    List<Path> dests = new ArrayList<>();
    for (GitExport export : exports) { // all checked up front
      dests.add(paths.dest(label(export), export.dest(), instanceDir));
      if (applies(export)) {
        sources.check(label(export), export.url());
      }
    }
    List<String> done = new ArrayList<>();
    for (int i = 0; i < exports.size(); i++) {
      GitExport export = exports.get(i);
      String entry = label(export);
      if (!applies(export)) {
        done.add(entry + ": skipped, for platform " + export.platform());
        continue;
      }
      Path tree =
          cache.tree(
              entry,
              export.url(),
              new GitCache.Ref(export.revision(), export.tag(), export.branch(), export.depth()));
      ExportPaths.Source source = paths.source(entry, export.source(), tree);
      try {
        int placed = Placement.place(entry, source, dests.get(i), export.link());
        done.add(
            entry
                + ": "
                + (export.link() ? "linked " : "copied ")
                + placed
                + " entr"
                + (placed == 1 ? "y" : "ies")
                + " to "
                + dests.get(i)
                + " ("
                + tree.getFileName().toString().substring(0, 12)
                + ")");
      } catch (IOException e) {
        throw new ExportException(
            entry + ": cannot place at dest '" + export.dest() + "': " + e.getMessage(), e);
      }
    }
    return done;
  }

  private boolean applies(GitExport export) {
    return export.platform() == null || platform.supportsAny(List.of(export.platform()));
  }

  private static String label(GitExport export) {
    return export.key().startsWith("service.") ? export.key().substring(8) : export.key();
  }
}
