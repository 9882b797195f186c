package io.ays.registry.domain;

import java.nio.file.Path;
import java.util.List;

/** Finds and reads the templates of a checked-out metadata repository. */
public interface TemplateReader {

  /** Every folder under {@code workTree} holding a {@code service.hrd}, read and validated. */
  List<TemplateSnapshot> readAll(String domain, Path workTree);
}
