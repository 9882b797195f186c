package io.ays.executor.action;

import io.ays.contracts.InstanceKey;
import java.nio.file.Path;

/**
 * Where an instance's files live on the node, named as the original named instance folders ({@code
 * <domain>__<name>__<instance>}).
 */
public record InstanceFolders(Path dataDir) {

  public Path instanceDir(InstanceKey key) {
    return dataDir.resolve("instances").resolve(folderName(key));
  }

  public Path logDir(InstanceKey key) {
    return dataDir.resolve("logs").resolve(folderName(key));
  }

  private static String folderName(InstanceKey key) {
    return key.domain() + "__" + key.name() + "__" + key.instance();
  }
}
