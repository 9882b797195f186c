package io.ays.executor.action;

import static org.assertj.core.api.Assertions.assertThat;

import io.ays.contracts.InstanceKey;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each instance key gets a folder of its own, and plain names keep the original's folder. */
class InstanceFoldersTest {

  private final InstanceFolders folders = new InstanceFolders(Path.of("/srv/ays"));

  @Test
  void keysWhosePartsHoldTheSeparatorGetDifferentFolders() {
    InstanceKey first = new InstanceKey("a", "b", "c__d");
    InstanceKey second = new InstanceKey("a", "b__c", "d");

    assertThat(folders.instanceDir(first)).isNotEqualTo(folders.instanceDir(second));
    assertThat(folders.logDir(first)).isNotEqualTo(folders.logDir(second));
    assertThat(folders.instanceDir(first)).isEqualTo(Path.of("/srv/ays/instances/a__b__c%5F%5Fd"));
    assertThat(folders.instanceDir(second)).isEqualTo(Path.of("/srv/ays/instances/a__b%5F%5Fc__d"));
  }

  @Test
  void plainNamesKeepTheFolderTheyHadSoRunningServicesAreAdoptedAfterAnUpgrade() {
    assertThat(folders.instanceDir(new InstanceKey("demo", "hello_http", "main")))
        .isEqualTo(Path.of("/srv/ays/instances/demo__hello_http__main"));
    assertThat(folders.logDir(new InstanceKey("jumpscale", "node.ssh", "x-1")))
        .isEqualTo(Path.of("/srv/ays/logs/jumpscale__node.ssh__x-1"));
  }

  @Test
  void everyCombinationOfTrickyPartsHasAFolderOfItsOwn() {
    List<String> parts =
        List.of(
            "a", "_", "__", "___", "_a", "a_", "a_b", "a__b", "_a_", "a___b", "b", "a__", "__b");
    Map<String, InstanceKey> seen = new HashMap<>();
    for (String domain : parts) {
      for (String name : parts) {
        for (String instance : parts) {
          InstanceKey key = new InstanceKey(domain, name, instance);
          String folder = InstanceFolders.folderName(key);
          InstanceKey before = seen.put(folder, key);
          assertThat(before).as("%s and %s share %s", before, key, folder).isNull();
          assertThat(folder).doesNotContain("/").doesNotStartWith(".");
        }
      }
    }
    assertThat(seen).hasSize(parts.size() * parts.size() * parts.size());
  }
}
