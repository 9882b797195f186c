package io.ays.executor.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class CgroupMountTest {

  @Test
  void findsTheUnifiedHierarchyOfAHybridHost() {
    List<String> mountinfo =
        List.of(
            "31 23 0:28 / /sys/fs/cgroup rw,relatime - tmpfs tmpfs rw,mode=755",
            "32 31 0:29 / /sys/fs/cgroup/cpu rw,relatime - cgroup cgroup rw,cpu",
            "41 31 0:38 / /sys/fs/cgroup/unified rw,relatime - cgroup2 cgroup2 rw");

    assertThat(CgroupMount.find(mountinfo)).contains(Path.of("/sys/fs/cgroup/unified"));
  }

  @Test
  void findsThePureHierarchyBehindOptionalFieldsAndEscapedSpaces() {
    List<String> mountinfo =
        List.of(
            "25 1 8:1 / / rw,relatime shared:1 - ext4 /dev/sda1 rw",
            "30 25 0:26 / /run/my\\040cgroups rw,nosuid shared:4 master:2 - cgroup2 cgroup2 rw");

    assertThat(CgroupMount.find(mountinfo)).contains(Path.of("/run/my cgroups"));
  }

  @Test
  void findsNoneOnAHostWithCgroupV1Only() {
    List<String> mountinfo =
        List.of("32 31 0:29 / /sys/fs/cgroup/cpu rw,relatime - cgroup cgroup rw,cpu", "garbage");

    assertThat(CgroupMount.find(mountinfo)).isEmpty();
  }
}
