package io.ays.testing;

import io.ays.contracts.TemplateDefinition;
import io.ays.contracts.TemplateFile;
import io.ays.model.template.ContentHash;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Template versions as the registry publishes them: with the content hash of their files (the
 * registry's function), which the coordinator and executors check.
 */
public final class TestTemplates {

  /** A placeholder hash for a definition about to be {@linkplain #hashed hashed}. */
  public static final String UNHASHED = "0".repeat(64);

  private TestTemplates() {}

  /**
   * {@code definition} as a version of its own: with one more file holding a random nonce, and the
   * content hash of its files. For tests that need a new version each time they publish.
   */
  public static TemplateDefinition fresh(TemplateDefinition definition) {
    Map<String, TemplateFile> files = new TreeMap<>(definition.files());
    files.put(".test-nonce", TemplateFile.text(UUID.randomUUID().toString(), false));
    return hashed(
        new TemplateDefinition(
            definition.domain(),
            definition.name(),
            definition.contentHash(),
            definition.repository(),
            definition.sourceCommit(),
            files,
            definition.serviceHrd(),
            definition.instanceHrd(),
            definition.publishedAt()));
  }

  /** {@code definition} with the content hash of its files, whatever hash it was made with. */
  public static TemplateDefinition hashed(TemplateDefinition definition) {
    return new TemplateDefinition(
        definition.domain(),
        definition.name(),
        ContentHash.of(definition.contentFiles()),
        definition.repository(),
        definition.sourceCommit(),
        definition.files(),
        definition.serviceHrd(),
        definition.instanceHrd(),
        definition.publishedAt());
  }
}
