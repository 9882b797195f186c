package io.ays.registry.git;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The working copy of a repository removed from the configuration is deleted; the configured ones,
 * the hosted repositories and anything that is not a working copy stay.
 */
class WorkingCopyRetentionTest {

  @TempDir Path work;

  @Test
  void onlyTheWorkingCopiesOfRepositoriesNoLongerConfiguredAreDeleted() throws Exception {
    Path configured = Files.createDirectories(work.resolve("meta/.git"));
    Path removed = Files.createDirectories(work.resolve("old/.git"));
    Files.writeString(work.resolve("old/service.hrd"), "process.1 =\n    cmd:'true',\n");
    Path hostedDefault = Files.createDirectories(work.resolve(".hosted/lib/templates.git"));
    Path hostedElsewhere = Files.createDirectories(work.resolve("git-hosting/.git"));
    Path notACopy = Files.createDirectories(work.resolve("notes"));

    WorkingCopyRetention retention =
        new WorkingCopyRetention(work, Set.of("meta"), Optional.of(work.resolve("git-hosting")));

    assertThat(retention.pruneBatch(Instant.now(), 500)).isEqualTo(1);
    assertThat(removed.getParent()).doesNotExist();
    assertThat(configured).isDirectory();
    assertThat(hostedDefault).isDirectory();
    assertThat(hostedElsewhere).isDirectory();
    assertThat(notACopy).isDirectory();
    assertThat(retention.pruneBatch(Instant.now(), 500)).as("nothing more is due").isZero();
  }
}
