package io.ays.model.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResolvedConfigTest {

  @Test
  void readsProcessesAndExportsOfAConfigurationMapAsTheResolverDoes() {
    Template template =
        Template.fromHrd(
            "demo",
            "web",
            "process.1 =\n    cmd:'./web',\n    ports:'$(instance.port)',\n    prio:'3',\n\n"
                + "git.export.1 =\n    url:'file:///srv/bin.git',\n    source:'root/*',\n"
                + "    dest:'opt/web',\n    link:'True',\n    depth:'1',\n",
            "port = @ASK type:int default:8080\n");
    ResolvedInstance resolved = template.resolve("main", Map.of());

    ResolvedConfig read = ResolvedConfig.read("demo/web/main", resolved.config(), "web_main");

    assertThat(read.problems()).isEmpty();
    assertThat(read.processes()).isEqualTo(resolved.processes());
    assertThat(read.gitExports()).isEqualTo(resolved.gitExports());
    assertThat(read.processes().get(0).ports()).containsExactly(8080);
    assertThat(read.processes().get(0).timeoutStart()).isEqualTo(Duration.ofSeconds(10));
    assertThat(read.gitExports().get(0).link()).isTrue();
  }

  @Test
  void namesTheEntryAndFieldOfABadValue() {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("service.process.1", Map.of("cmd", "./web", "timeout_start", "soon"));
    config.put("service.git.export.2", Map.of("url", "file:///x"));

    ResolvedConfig read = ResolvedConfig.read("demo/web/main", config, null);

    assertThat(read.ok()).isFalse();
    assertThat(read.problems())
        .anySatisfy(p -> assertThat(p).contains("service.process.1").contains("timeout_start"))
        .anySatisfy(p -> assertThat(p).contains("service.git.export.2").contains("dest"));
  }
}
