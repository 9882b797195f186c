package io.ays.coordinator.domain;

import io.ays.coordinator.persistence.TemplateDefinitionEntity;
import io.ays.model.template.Template;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Stored template definitions, parsed once per version. A definition never changes under its
 * content hash, so its parsed {@link Template} (read-only once built) is kept and shared; parsing
 * it again for every request, twice (dependencies, then configuration), was a tenth of request
 * intake's CPU (docs/benchmarks.md). The least recently used of more than {@value #CAPACITY}
 * versions are dropped.
 */
@ApplicationScoped
public class ParsedTemplates {

  private static final int CAPACITY = 512;

  private final Map<String, Template> byVersion =
      new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Template> eldest) {
          return size() > CAPACITY;
        }
      };

  /** The template of {@code definition}, parsed. */
  public Template of(TemplateDefinitionEntity definition) {
    if (definition.contentHash == null) {
      return parse(definition);
    }
    String version = definition.domain + "/" + definition.name + "@" + definition.contentHash;
    synchronized (byVersion) {
      Template known = byVersion.get(version);
      if (known != null) {
        return known;
      }
    }
    // Parsed outside the lock: two threads may parse one version at once, and both get an equal
    // template.
    Template parsed = parse(definition);
    synchronized (byVersion) {
      byVersion.putIfAbsent(version, parsed);
    }
    return parsed;
  }

  private static Template parse(TemplateDefinitionEntity definition) {
    return Template.fromHrd(
        definition.domain, definition.name, definition.serviceHrd, definition.instanceHrd);
  }
}
