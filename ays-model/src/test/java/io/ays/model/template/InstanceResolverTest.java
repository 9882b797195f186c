package io.ays.model.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class InstanceResolverTest {

  private final Template web =
      Template.fromHrd(
          "demo",
          "web",
          """
          dependencies.1 =
              name:'redis',
              args:'dep.args.redis',

          dep.args.redis =
              param.port:'$(instance.param.cacheport)',

          process.1 =
              cmd:'./web --root $(system.paths.base)',
              args:'--port $(instance.param.port) --name $(service.instance)',
              ports:'$(instance.param.port)',
              timeout_start:'$(instance.param.wait)',

          url = 'http://localhost:$(instance.param.port)/'
          """,
          """
          param.port = @ASK type:int default:8080 minValue:1024
          param.cacheport = @ASK type:int default:6379
          param.wait = @ASK type:int default:15
          param.secret = @ASK type:password descr:'the secret'
          param.mode = 'fast'
          """);

  @Test
  void resolvesOneConfigurationOfServiceAndInstanceKeys() {
    ResolvedInstance r = web.resolve("blue", Map.of("param.port", "9000", "param.secret", "s"));
    assertThat(r.problems()).isEmpty();
    assertThat(r.instanceKey()).isEqualTo("demo/web/blue");
    assertThat(r.config())
        .containsEntry("service.url", "http://localhost:9000/")
        .containsEntry("service.instance", "blue")
        .containsEntry("service.name", "web")
        .containsEntry("service.domain", "demo")
        .containsEntry("instance.param.port", 9000L)
        .containsEntry("instance.param.mode", "fast")
        .containsEntry("instance.param.secret", "s");
    assertThat(r.hrd().getInt("instance.param.port")).isEqualTo(9000);
    assertThat(r.answers()).containsEntry("param.port", 9000L).containsEntry("param.wait", 15L);
  }

  @Test
  void anAnswerInACommandLineIsOneLiteralWordThatTheShellNeverRuns() throws Exception {
    java.nio.file.Path marker =
        java.nio.file.Path.of("/tmp", "pwned-" + java.util.UUID.randomUUID());
    Template echo =
        Template.fromHrd(
            "demo",
            "echo",
            "process.1 =\n    cmd:'printf %s',\n    args:'$(instance.param.name)',\n",
            "param.name = @ASK\n");
    String answer = "x; touch " + marker;
    ProcessSpec p = echo.resolve(null, Map.of("param.name", answer)).processes().get(0);
    Process sh =
        new ProcessBuilder("/bin/sh", "-c", p.cmd() + " " + p.args())
            .redirectErrorStream(true)
            .start();
    assertThat(new String(sh.getInputStream().readAllBytes())).isEqualTo(answer);
    assertThat(sh.waitFor()).isZero();
    assertThat(marker).doesNotExist();
  }

  @Test
  void keysTheTemplateDoesNotAskAreNamedWithWhatItAsks() {
    String asks = "it asks param.cacheport, param.mode, param.port, param.secret, param.wait";
    assertThat(
            web.unasked(
                Map.of(
                    "param.secret", "s",
                    "Instance.Param.Mode", "slow",
                    "param.typo", "1",
                    "url", "http://evil/")))
        .extracting(Object::toString)
        .containsExactlyInAnyOrder(
            "param.typo: not asked by demo/web: " + asks, "url: not asked by demo/web: " + asks);
  }

  @Test
  void aPlainKeyOfInstanceHrdIsAParameterThatMayBeAnswered() {
    assertThat(web.unasked(Map.of("param.mode", "slow", "param.port", 1))).isEmpty();
    ResolvedInstance r = web.resolve(null, Map.of("param.secret", "s", "param.mode", "slow"));
    assertThat(r.problems()).isEmpty();
    assertThat(r.config()).containsEntry("instance.param.mode", "slow");
  }

  @Test
  void processesTakeTheInstancesValuesAndReferencesForTheNodeStay() {
    ProcessSpec p = web.resolve(null, Map.of("param.secret", "s")).processes().get(0);
    assertThat(p.ports()).containsExactly(8080);
    // each substituted value is one shell word (docs/actions.md)
    assertThat(p.args()).isEqualTo("--port '8080' --name 'main'");
    assertThat(p.timeoutStart().toSeconds()).isEqualTo(15);
    assertThat(p.cmd()).isEqualTo("./web --root $(system.paths.base)");
    assertThat(p.name()).isEqualTo("web_main");
  }

  @Test
  void dependencyAnswersAreSubstitutedFromThisInstanceOnly() {
    ResolvedInstance r = web.resolve(null, Map.of("param.secret", "s", "param.cacheport", 7000));
    DependencySpec redis = r.dependencies().get(0);
    assertThat(redis.instanceKey()).isEqualTo("demo/redis/main");
    assertThat(redis.args()).isEqualTo(Map.of("param.port", 7000L));
    assertThat(redis.args()).doesNotContainKey("param.secret");
  }

  @Test
  void aDependencysInstanceNameAndArgsMayComeFromTheDependentsAnswers() {
    Template app =
        Template.fromHrd(
            "demo",
            "app",
            """
            dependencies.1 =
                name:'db',
                instance:'$(instance.param.dbname)',
                args:'dep.args.db',

            dep.args.db =
                param.port:'$(instance.param.dbport)',
                param.path:'$(service.data)/db',

            data = '/srv/app'
            """,
            """
            param.dbname = @ASK type:str default:'appdb'
            param.dbport = @ASK type:int default:5433
            """);
    ResolvedInstance r = app.resolve(null, Map.of("param.dbport", 6000));
    assertThat(r.problems()).isEmpty();
    DependencySpec db = r.dependencies().get(0);
    assertThat(db.key()).isEqualTo("dependencies.1");
    assertThat(db.instanceKey()).isEqualTo("demo/db/appdb");
    assertThat(db.args()).isEqualTo(Map.of("param.port", 6000L, "param.path", "/srv/app/db"));
  }

  @Test
  void aDependencysArgsReferringToAKeyTheInstanceLacksIsAnErrorNamingBoth() {
    Template app =
        Template.fromHrd(
            "demo",
            "app",
            """
            dependencies.1 =
                name:'db',
                args:'dep.args.db',

            dep.args.db =
                param.port:'$(instance.param.dbprot)',
                param.root:'$(system.paths.base)/db',
            """,
            "param.dbport = @ASK type:int default:5433\n");
    ResolvedInstance r = app.resolve(null, Map.of());
    assertThat(r.ok()).isFalse();
    assertThat(r.problems())
        .containsExactly(
            "dep.args.db: $(instance.param.dbprot) is not a key of this instance (not an answer,"
                + " nor a key of instance.hrd or service.hrd)");
  }

  @Test
  void everyWrongOrMissingAnswerIsListedNamingItsKey() {
    ResolvedInstance r = web.resolve(null, Map.of("param.port", 80, "param.wait", "soon"));
    assertThat(r.ok()).isFalse();
    assertThat(r.problems())
        .containsExactlyInAnyOrder(
            "param.port: 80 is below the minimum 1024",
            "param.wait: expected an integer, got 'soon'",
            "param.secret: required: no answer given and no default (the secret)");
    assertThat(r.config()).isEmpty();
  }

  @Test
  void anInvalidTemplateDoesNotResolve() {
    Template bad = Template.fromHrd("demo", "bad", "x 1\n", null);
    assertThat(bad.resolve(null, Map.of()).problems())
        .containsExactly("demo/bad/service.hrd:1:2: expected '=' after key 'x'");
  }

  @Test
  void aReferenceCycleIsAProblemNamingTheCycle() {
    Template t = Template.fromHrd("demo", "c", "a = $(service.b)\nb = $(service.a)\n", null);
    assertThat(t.resolve(null, Map.of()).problems())
        .singleElement()
        .asString()
        .contains("reference cycle service.a -> service.b -> service.a");
  }

  @Test
  void aRecipeQuestionIsAnsweredUnderItsServiceKey() {
    Template t =
        Template.fromHrd("demo", "q", "region = @ASK type:dropdown dropdownvals:eu,us\n", null);
    ResolvedInstance r = t.resolve(null, Map.of("service.region", "eu", "service.other", "x"));
    assertThat(r.problems()).isEmpty();
    assertThat(r.config())
        .containsEntry("service.region", "eu")
        .containsEntry("instance.service.other", "x")
        .doesNotContainKey("service.other");
  }
}
