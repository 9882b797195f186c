package io.ays.registry.domain;

import io.ays.model.template.Template;
import io.ays.registry.persistence.TemplateFileEntity;
import io.ays.registry.persistence.TemplateVersionEntity;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.jboss.logging.Logger;

/**
 * Fills the description and search text of versions stored before they were kept (migration V3), so
 * that search finds every template, not only those changed since the upgrade. Runs once at
 * start-up; afterwards there is nothing left to fill and it costs one empty query.
 */
@ApplicationScoped
public class SearchTextBackfill {

  private static final Logger LOG = Logger.getLogger(SearchTextBackfill.class);

  @Transactional
  void onStart(@Observes StartupEvent event) {
    int filled = 0;
    for (TemplateVersionEntity version : TemplateVersionEntity.withoutSearchText()) {
      Map<String, byte[]> files = new TreeMap<>();
      Set<String> executables = new HashSet<>();
      for (TemplateFileEntity file : version.files) {
        files.put(file.path, file.content);
        if (file.executable) {
          executables.add(file.path);
        }
      }
      Template template = Template.fromFiles(version.domain, version.name, files, executables);
      version.description = template.description().orElse(null);
      version.searchText = SearchText.of(template);
      filled++;
    }
    if (filled > 0) {
      LOG.infof("filled the search text of %d stored template version(s)", filled);
    }
  }
}
