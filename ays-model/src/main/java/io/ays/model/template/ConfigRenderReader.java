package io.ays.model.template;

import io.ays.model.hrd.Hrd;
import io.ays.model.hrd.Substitution;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Reads the {@code config.render.N} entries of a recipe (or of a resolved configuration). */
final class ConfigRenderReader {

  static final String PREFIX = "config.render.";
  private static final Set<String> KNOWN = Set.of("source", "dest", "mode");
  // Permission bits only: 640, 0640. Set-user-id and friends are not for configuration files.
  private static final Pattern MODE = Pattern.compile("0?[0-7]{3}");

  private ConfigRenderReader() {}

  static List<ConfigRender> read(Hrd hrd, String prefix, Findings findings) {
    List<ConfigRender> renders = new ArrayList<>();
    Map<String, Map<String, Object>> entries =
        NumberedEntries.read(hrd, prefix + PREFIX, null, findings);
    for (Map.Entry<String, Map<String, Object>> entry : entries.entrySet()) {
      Fields f = new Fields(hrd, entry.getKey(), entry.getValue(), findings);
      String source = f.text("source");
      String dest = f.text("dest");
      boolean ok = true;
      if (source == null) {
        f.error("source is required (the path of a file in the template folder)");
        ok = false;
      } else if (Substitution.references(source).isEmpty()) {
        String problem = TemplateFiles.pathProblem(source.strip());
        if (problem != null) {
          f.error("source '" + source + "' must be a file inside the template folder: " + problem);
          ok = false;
        }
      }
      if (dest == null) {
        f.error("dest is required (relative to the instance folder, or absolute)");
        ok = false;
      }
      Integer mode = mode(f);
      if (ok) {
        renders.add(new ConfigRender(f.key(), source.strip(), dest.strip(), mode, f.extra(KNOWN)));
      }
    }
    return renders;
  }

  /** {@code mode:'0640'} (or 640, unquoted too) as permission bits; null if absent or unknown. */
  private static Integer mode(Fields f) {
    String text = f.text("mode");
    if (text == null || !Substitution.references(text).isEmpty()) {
      return null; // a reference is only known once the instance is resolved
    }
    String written = text.strip();
    if (!MODE.matcher(written).matches()) {
      f.error(
          "mode: '"
              + text
              + "' is not a permission mode: write three octal digits, e.g. 0640 or 644");
      return null;
    }
    return Integer.parseInt(written, 8);
  }
}
