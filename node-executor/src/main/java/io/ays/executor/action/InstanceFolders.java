package io.ays.executor.action;

import io.ays.contracts.InstanceKey;
import java.nio.file.Path;

/**
 * Where an instance's files live on the node, named as the original named instance folders ({@code
 * <domain>__<name>__<instance>}), with one folder per key: a part that could blur the {@code __}
 * between parts (it holds {@code __}, or starts or ends with {@code _}) has each {@code _} written
 * {@code %5F} (and {@code %} as {@code %25}), so {@code a/b/c__d} and {@code a/b__c/d} get
 * different folders while the folders of plain names ({@code demo__hello_http__main}) stay as they
 * were.
 */
public record InstanceFolders(Path dataDir) {

  private static final String SEPARATOR = "__";

  public Path instanceDir(InstanceKey key) {
    return dataDir.resolve("instances").resolve(folderName(key));
  }

  public Path logDir(InstanceKey key) {
    return dataDir.resolve("logs").resolve(folderName(key));
  }

  /** The folder name of {@code key}: different keys always get different names. */
  static String folderName(InstanceKey key) {
    return part(key.domain()) + SEPARATOR + part(key.name()) + SEPARATOR + part(key.instance());
  }

  /**
   * A part as is, when splitting the name on {@code __} finds it again; else with every {@code _}
   * (and {@code %}) percent-encoded, so that it holds no {@code _} at all.
   */
  private static String part(String part) {
    boolean plain =
        !part.contains(SEPARATOR)
            && !part.startsWith("_")
            && !part.endsWith("_")
            && part.indexOf('%') < 0;
    return plain ? part : part.replace("%", "%25").replace("_", "%5F");
  }
}
