package io.ays.model.template;

import java.util.Locale;
import java.util.Map;

/**
 * A {@code config.render.N} entry: a file of the template that the node's default {@code configure}
 * writes into place with the instance's configuration substituted ({@code $(key)}).
 *
 * @param key the recipe key, e.g. {@code config.render.1}
 * @param source the file's path inside the template folder ({@code /}-separated, relative)
 * @param dest where the rendered file goes: relative to the instance folder, or absolute (the node
 *     allows only its own roots)
 * @param mode the rendered file's permission bits (e.g. {@code 0640} as 416), or null to keep the
 *     source file's
 * @param extra fields AYS does not use, kept as written
 */
public record ConfigRender(
    String key, String source, String dest, Integer mode, Map<String, Object> extra) {

  public ConfigRender {
    extra = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(extra));
  }

  /** The mode as written in octal ({@code 0640}), or null if none is given. */
  public String modeText() {
    return mode == null ? null : String.format(Locale.ROOT, "%04o", mode);
  }
}
