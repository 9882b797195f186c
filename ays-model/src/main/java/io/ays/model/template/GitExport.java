package io.ays.model.template;

import java.util.Map;

/**
 * A {@code git.export.N} entry: binary data to fetch from a git repository into the node.
 *
 * @param source the path in the repository; a trailing {@code *} means each entry of the folder
 * @param dest where it goes on the node (required)
 * @param link whether to link instead of copying
 * @param depth the clone depth, or null for the default
 * @param extra fields AYS does not interpret, kept as written (the corpus has {@code nodirs},
 *     {@code overwrite}, {@code merge})
 */
public record GitExport(
    String key,
    String url,
    String source,
    String dest,
    boolean link,
    String platform,
    String branch,
    String revision,
    String tag,
    Integer depth,
    Map<String, Object> extra) {

  public GitExport {
    extra = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(extra));
  }
}
