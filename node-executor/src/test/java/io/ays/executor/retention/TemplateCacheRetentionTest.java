package io.ays.executor.retention;

import static org.assertj.core.api.Assertions.assertThat;

import io.ays.contracts.ExecutionRole;
import io.ays.contracts.InstanceKey;
import io.ays.contracts.NodeId;
import io.ays.contracts.Phase;
import io.ays.contracts.PhaseCommand;
import io.ays.contracts.TemplateRef;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The executor's template cache forgets versions stored over 30 days ago that no instance on the
 * node uses, and keeps the newest version of each template, the versions instances use (until their
 * uninstall succeeds) and recent ones.
 */
class TemplateCacheRetentionTest {

  private static final String UNUSED = "a".repeat(64);
  private static final String INSTALLED = "b".repeat(64);
  private static final String RECENT = "c".repeat(64);
  private static final String NEWEST = "d".repeat(64);
  private static final String DB = "e".repeat(64);

  @TempDir Path data;

  @Test
  void oldVersionsNoInstanceUsesAreDeletedAndTheRestKept() throws Exception {
    Instant now = Instant.now();
    Path web = data.resolve("templates/demo/web");
    Path unused = version(web, UNUSED, now.minus(Duration.ofDays(60)));
    Path installedOld = version(web, INSTALLED, now.minus(Duration.ofDays(50)));
    Path recent = version(web, RECENT, now.minus(Duration.ofDays(5)));
    Path newest = version(web, NEWEST, now.minus(Duration.ofDays(1)));
    Path onlyOne = version(data.resolve("templates/demo/db"), DB, now.minus(Duration.ofDays(90)));

    InstalledTemplates installed = new InstalledTemplates(data);
    installed.using(command(Phase.INSTALL, INSTALLED));
    TemplateCacheRetention retention =
        new TemplateCacheRetention(data.resolve("templates"), installed, Duration.ofDays(30));

    assertThat(retention.pruneBatch(now, 500)).isEqualTo(1);
    assertThat(unused).as("old and unused").doesNotExist();
    assertThat(installedOld).as("an instance uses it").isDirectory();
    assertThat(recent).isDirectory();
    assertThat(newest).isDirectory();
    assertThat(onlyOne).as("the newest of its template, however old").isDirectory();

    installed.uninstalled(command(Phase.UNINSTALL, INSTALLED));
    assertThat(retention.pruneBatch(now, 500)).as("uninstalled: no longer kept").isEqualTo(1);
    assertThat(installedOld).doesNotExist();
  }

  private static Path version(Path template, String hash, Instant stored) throws Exception {
    Path dir = Files.createDirectories(template.resolve(hash));
    Files.writeString(dir.resolve("service.hrd"), "process.1 =\n    cmd:'true',\n");
    Files.setLastModifiedTime(dir, FileTime.from(stored));
    return dir;
  }

  private static PhaseCommand command(Phase phase, String hash) {
    InstanceKey key = new InstanceKey("demo", "web", "main");
    return new PhaseCommand(
        UUID.randomUUID() + "/1/1",
        UUID.randomUUID(),
        1,
        1,
        key,
        NodeId.of("local"),
        ExecutionRole.NODE,
        phase,
        new TemplateRef("demo", "web", hash),
        Map.of(),
        60,
        Instant.now().plusSeconds(120));
  }
}
