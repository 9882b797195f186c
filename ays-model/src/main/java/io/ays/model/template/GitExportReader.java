package io.ays.model.template;

import io.ays.model.hrd.Hrd;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads the {@code git.export.N} entries of a recipe. */
final class GitExportReader {

  private static final Set<String> KNOWN =
      Set.of("url", "source", "dest", "link", "platform", "branch", "revision", "tag", "depth");

  private GitExportReader() {}

  static List<GitExport> read(Hrd hrd, String prefix, Findings findings) {
    List<GitExport> exports = new ArrayList<>();
    Map<String, Map<String, Object>> entries =
        NumberedEntries.read(hrd, prefix + "git.export.", null, findings);
    for (Map.Entry<String, Map<String, Object>> entry : entries.entrySet()) {
      Fields f = new Fields(hrd, entry.getKey(), entry.getValue(), findings);
      String url = f.text("url");
      String dest = f.text("dest");
      if (url == null) {
        f.error("url is required");
      }
      if (dest == null) {
        f.error("dest is required");
      }
      if (url == null || dest == null) {
        continue;
      }
      String depth = f.text("depth");
      exports.add(
          new GitExport(
              f.key(),
              url,
              f.text("source"),
              dest,
              f.bool("link"),
              f.text("platform"),
              f.text("branch"),
              f.text("revision"),
              f.text("tag"),
              depth == null ? null : (int) f.number("depth", depth, 0),
              f.extra(KNOWN)));
    }
    return exports;
  }
}
