package io.ays.registry.domain;

import java.util.List;
import java.util.Map;

/**
 * A template folder as read from a checkout: its identity, content hash and files, or the problems
 * that make it invalid (each naming file and line).
 *
 * @param files every file of the folder by relative path, {@code service.hrd} and {@code
 *     instance.hrd} included
 * @param executables the relative paths of the executable files (hooks)
 * @param description the template's {@code description}, or null
 * @param searchText what a text search matches ({@link SearchText})
 */
public record TemplateSnapshot(
    String domain,
    String name,
    String contentHash,
    Map<String, byte[]> files,
    List<String> executables,
    String description,
    String searchText,
    List<String> problems) {

  public boolean valid() {
    return problems.isEmpty();
  }
}
