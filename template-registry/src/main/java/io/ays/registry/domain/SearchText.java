package io.ays.registry.domain;

import io.ays.model.template.Template;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The text a template version is searched by: its key, description and both HRD files, in lower
 * case. Kept in the version's row, so a search is one query however many templates there are.
 */
public final class SearchText {

  private SearchText() {}

  public static String of(Template template) {
    StringBuilder text = new StringBuilder(template.key()).append('\n');
    template.description().ifPresent(d -> text.append(d).append('\n'));
    for (String file : new String[] {Template.SERVICE_HRD, Template.INSTANCE_HRD}) {
      byte[] content = template.files().get(file);
      if (content != null) {
        text.append(new String(content, StandardCharsets.UTF_8)).append('\n');
      }
    }
    return text.toString().toLowerCase(Locale.ROOT);
  }
}
