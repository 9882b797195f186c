package io.ays.contracts;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * One version of a template, published on {@code ays.templates} (compacted, key {@code
 * domain/name}) when it is new or changed. A deleted template is a tombstone: the key with a null
 * value, no envelope.
 *
 * @param contentHash SHA-256 of the template's content (lower-case hex); identifies the version
 * @param repository the metadata repository's URL, null for a template not read from git
 * @param sourceCommit the commit the version was read from, null for a template not read from git
 * @param files every other file of the template folder by relative path ({@code actions_node.py},
 *     {@code hooks/start}, config templates); {@code service.hrd} and {@code instance.hrd} are
 *     given as text instead
 * @param serviceHrd the recipe, {@code service.hrd}
 * @param instanceHrd the instance questions, {@code instance.hrd}; null if the template has none
 */
public record TemplateDefinition(
    String domain,
    String name,
    String contentHash,
    String repository,
    String sourceCommit,
    Map<String, TemplateFile> files,
    String serviceHrd,
    String instanceHrd,
    Instant publishedAt)
    implements EventPayload {

  private static final Pattern COMMIT = Pattern.compile("[0-9a-f]{7,64}");

  public TemplateDefinition {
    Names.part(domain, "domain");
    Names.part(name, "name");
    TemplateRef.contentHash(contentHash, "contentHash");
    Fields.optionalText(repository, "repository");
    if (sourceCommit != null) {
      Fields.matching(sourceCommit, COMMIT, "a git commit id, lower-case hex", "sourceCommit");
    }
    files = Fields.sortedMap(files, "files");
    files.keySet().forEach(path -> TemplatePaths.check(path, "files"));
    Fields.required(serviceHrd, "serviceHrd");
    Fields.required(publishedAt, "publishedAt");
  }

  /**
   * Every file of the template folder by relative path, as the registry read it and as {@code
   * contentHash} covers it: {@code files}, {@code service.hrd} and, if given, {@code instance.hrd}.
   */
  public Map<String, byte[]> contentFiles() {
    Map<String, byte[]> all = new TreeMap<>();
    files.forEach((path, file) -> all.put(path, file.bytes()));
    all.put("service.hrd", serviceHrd.getBytes(StandardCharsets.UTF_8));
    if (instanceHrd != null) {
      all.put("instance.hrd", instanceHrd.getBytes(StandardCharsets.UTF_8));
    }
    return all;
  }

  public TemplateKey key() {
    return new TemplateKey(domain, name);
  }

  public TemplateRef ref() {
    return new TemplateRef(domain, name, contentHash);
  }

  @Override
  public String subject() {
    return key().toString();
  }
}
