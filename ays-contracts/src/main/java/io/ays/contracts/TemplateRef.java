package io.ays.contracts;

import java.util.regex.Pattern;

/** One exact version of a template: its key and content hash (lower-case hex SHA-256). */
public record TemplateRef(String domain, String name, String contentHash) {

  private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

  public TemplateRef {
    Names.part(domain, "domain");
    Names.part(name, "name");
    contentHash(contentHash, "contentHash");
  }

  public static TemplateRef of(TemplateKey key, String contentHash) {
    return new TemplateRef(key.domain(), key.name(), contentHash);
  }

  public TemplateKey key() {
    return new TemplateKey(domain, name);
  }

  static String contentHash(String value, String field) {
    return Fields.matching(value, SHA256_HEX, "64 lower-case hex digits (SHA-256)", field);
  }
}
