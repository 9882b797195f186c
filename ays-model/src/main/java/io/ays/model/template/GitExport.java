package io.ays.model.template;

/** A {@code git.export.N} entry: binary data to fetch from a git repository. */
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
    Integer depth) {}
