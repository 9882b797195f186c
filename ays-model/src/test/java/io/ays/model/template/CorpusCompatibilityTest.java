package io.ays.model.template;

import static org.assertj.core.api.Assertions.assertThat;

import io.ays.model.hrd.AskParameter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every real AYS 7 template (jumpscale7/ays_jumpscale7, 258 HRD files) loads without error. */
class CorpusCompatibilityTest {

  private static final String DOMAIN = "ays_jumpscale7";
  private static Path corpus;
  private static List<Template> templates;

  @BeforeAll
  static void loadCorpus() throws IOException {
    String dir = System.getProperty("ays.corpus.dir");
    assertThat(dir).as("system property ays.corpus.dir (set by the build)").isNotNull();
    corpus = Path.of(dir);
    assertThat(corpus).as("the compatibility corpus ../shared/ays7-templates").isDirectory();
    templates = new TemplateLoader().loadAll(DOMAIN, corpus);
  }

  @Test
  void everyHrdFileOfTheCorpusIsRead() throws IOException {
    long hrdFiles;
    try (Stream<Path> files = Files.walk(corpus)) {
      hrdFiles = files.filter(p -> p.toString().endsWith(".hrd")).count();
    }
    long loaded =
        templates.stream()
            .mapToLong(t -> t.files().keySet().stream().filter(f -> f.endsWith(".hrd")).count())
            .sum();
    assertThat(hrdFiles).isEqualTo(258);
    assertThat(loaded).isEqualTo(hrdFiles);
  }

  @Test
  void everyTemplateLoadsWithoutProblems() {
    assertThat(templates).hasSizeGreaterThan(100);
    List<String> problems = templates.stream().flatMap(t -> t.problems().stream()).toList();
    assertThat(problems).isEmpty();
  }

  @Test
  void mongodbHasItsTwoPortsAndSixtySecondStartTimeout() {
    ProcessSpec process = template("_servers/mongodb").processes().get(0);
    assertThat(process.ports()).containsExactly(27017, 28017);
    assertThat(process.timeoutStart()).isEqualTo(Duration.ofSeconds(60));
    assertThat(process.timeoutStop()).isEqualTo(Duration.ofSeconds(10));
    assertThat(process.prio()).isEqualTo(5);
    assertThat(process.cmd()).contains("/opt/mongodb/bin/mongod --dbpath");
  }

  @Test
  void singlenodePortalPassesDependencyAnswersThroughItsArgsKeys() {
    Template portal = template("_jumpscale/singlenode_portal");
    DependencySpec redis =
        portal.dependencies().stream()
            .filter(d -> d.name().equals("redis"))
            .findFirst()
            .orElseThrow();
    assertThat(redis.instance()).isEqualTo("system");
    assertThat(redis.domain()).isEqualTo(DOMAIN);
    assertThat(redis.argsKey()).isEqualTo("dep.args.redis");
    assertThat(redis.args())
        .containsEntry("param.port", "9999")
        .containsEntry("param.mem", "100")
        .containsEntry("param.passwd", "");
    DependencySpec web =
        portal.dependencies().stream()
            .filter(d -> d.name().equals("web"))
            .findFirst()
            .orElseThrow();
    assertThat(web.instance()).isEqualTo("main");
    assertThat(web.args()).isEmpty();
  }

  @Test
  void redisAsksForItsPortWithDefault9999() {
    AskParameter port =
        template("_servers/redis").schema().parameters().stream()
            .filter(p -> p.key().equals("param.port"))
            .findFirst()
            .orElseThrow();
    assertThat(port.defaultValue()).isEqualTo("9999");
    assertThat(port.description()).isEqualTo("REDIS: port");
  }

  @Test
  void redisResolvesWithDefaultsIntoOneConfiguration() {
    ResolvedInstance redis =
        new InstanceResolver()
            .resolve(template("_servers/redis"), null, Map.of("param.passwd", "s3cret"));
    assertThat(redis.problems()).isEmpty();
    assertThat(redis.instanceKey()).isEqualTo(DOMAIN + "/redis/main");
    assertThat(redis.config()).containsEntry("instance.param.port", "9999");
    @SuppressWarnings("unchecked")
    Map<String, Object> process = (Map<String, Object>) redis.config().get("service.process.1");
    assertThat(process.get("ports")).isEqualTo("9999");
    assertThat(process.get("filterstr")).isEqualTo("redis-server 127.0.0.1:9999");
    assertThat((String) process.get("args")).contains("/redis/main/redis.conf");
  }

  private static Template template(String folder) {
    String name = Path.of(folder).getFileName().toString();
    return templates.stream()
        .filter(t -> t.name().equals(name))
        .filter(t -> t.recipe().source().contains(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no template " + folder));
  }
}
