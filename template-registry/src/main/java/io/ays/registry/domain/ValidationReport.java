package io.ays.registry.domain;

import java.util.List;

/**
 * What validating uploaded templates found.
 *
 * @param valid true if there is at least one template and no problem at all
 * @param templates each template found (a folder holding {@code service.hrd})
 * @param problems every problem, of the archive and of each template, each naming its file (and
 *     line where there is one): {@code domain/template/file:line:column: message}
 */
public record ValidationReport(
    boolean valid, List<TemplateResult> templates, List<String> problems) {

  /**
   * One template of the upload.
   *
   * @param folder its folder in the archive ("" for the archive's root)
   * @param contentHash the version it would be stored as
   * @param warnings what is accepted but probably not meant
   */
  public record TemplateResult(
      String domain,
      String name,
      String folder,
      String contentHash,
      boolean valid,
      List<String> problems,
      List<String> warnings) {}
}
