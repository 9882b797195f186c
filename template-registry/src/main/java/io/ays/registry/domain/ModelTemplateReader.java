package io.ays.registry.domain;

import io.ays.model.template.Template;
import io.ays.model.template.TemplateLoader;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reads templates with the AYS model: every folder with a service.hrd, fully validated. */
@ApplicationScoped
public class ModelTemplateReader implements TemplateReader {

  private final TemplateLoader loader = new TemplateLoader();

  @Override
  public List<TemplateSnapshot> readAll(String domain, Path workTree) {
    List<Template> templates;
    try {
      templates = loader.loadAll(domain, workTree);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read templates of " + domain, e);
    }
    Map<String, Integer> seen = new HashMap<>();
    templates.forEach(t -> seen.merge(t.name(), 1, Integer::sum));
    List<TemplateSnapshot> snapshots = new ArrayList<>();
    for (Template template : templates) {
      List<String> problems = new ArrayList<>(template.problems());
      if (seen.get(template.name()) > 1) {
        problems.add(
            "two folders of repository "
                + domain
                + " are named '"
                + template.name()
                + "': a template name must be unique in its repository");
      }
      snapshots.add(
          new TemplateSnapshot(
              template.domain(),
              template.name(),
              template.contentHash(),
              template.files(),
              List.copyOf(template.executables()),
              template.description().orElse(null),
              SearchText.of(template),
              problems));
    }
    return snapshots;
  }
}
