package io.ays.model.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code config.render.N} view: in a template, in a resolved instance, in a plain config. */
class ConfigRenderTest {

  private static final String RECIPE =
      """
      config.render.1 =
          source:'conf/app.conf',
          dest:'etc/app.conf',
          mode:'0640',

      config.render.2 =
          source:'conf/$(instance.flavour).ini',
          dest:'$(system.paths.var)/web/$(instance.flavour).ini',
          owner:'www',

      config.render.3 =
          source:'conf/run.sh',
          dest:'/srv/web/run.sh',
          mode:755,
      """;

  @Test
  void entriesAreTypedInOrderWithModeAsPermissionBits() {
    Template template = Template.fromHrd("demo", "web", RECIPE, null);

    assertThat(template.problems()).isEmpty();
    assertThat(template.configRenders())
        .extracting(ConfigRender::key)
        .containsExactly("config.render.1", "config.render.2", "config.render.3");
    ConfigRender first = template.configRenders().get(0);
    assertThat(first.source()).isEqualTo("conf/app.conf");
    assertThat(first.dest()).isEqualTo("etc/app.conf");
    assertThat(first.mode()).isEqualTo(0640);
    assertThat(first.modeText()).isEqualTo("0640");
    ConfigRender second = template.configRenders().get(1);
    assertThat(second.mode()).as("no mode: the source file's is kept").isNull();
    assertThat(second.extra()).isEqualTo(Map.of("owner", "www"));
    assertThat(template.configRenders().get(2).mode())
        .as("written unquoted, still octal")
        .isEqualTo(0755);
  }

  @Test
  void aResolvedInstanceCarriesTheEntriesWithItsAnswersAndLeavesSystemKeysForTheNode() {
    Template template = Template.fromHrd("demo", "web", RECIPE, "flavour = @ASK default:small\n");

    ResolvedInstance resolved = template.resolve("main", Map.of("flavour", "large"));

    assertThat(resolved.problems()).isEmpty();
    ConfigRender second = resolved.configRenders().get(1);
    assertThat(second.key()).isEqualTo("service.config.render.2");
    assertThat(second.source()).isEqualTo("conf/large.ini");
    assertThat(second.dest()).isEqualTo("$(system.paths.var)/web/large.ini");
    assertThat(ResolvedConfig.read("demo/web/main", resolved.config(), null).configRenders())
        .isEqualTo(resolved.configRenders());
  }

  @Test
  void aSourceOutsideTheTemplateFolderAMissingFieldAndABadModeAreNamed() {
    Template template =
        Template.fromHrd(
            "demo",
            "bad",
            """
            config.render.1 =
                source:'../../etc/passwd',
                dest:'passwd',

            config.render.2 =
                source:'/etc/hosts',
                dest:'hosts',

            config.render.3 =
                dest:'x.conf',

            config.render.4 =
                source:'x.conf',
                mode:'rw-r--r--',
            """,
            null);

    assertThat(template.valid()).isFalse();
    assertThat(template.problems())
        .containsExactlyInAnyOrder(
            "demo/bad/service.hrd:1: config.render.1: source '../../etc/passwd' must be a file"
                + " inside the template folder: a path with '..', '.' or an empty part could"
                + " escape the template folder",
            "demo/bad/service.hrd:5: config.render.2: source '/etc/hosts' must be a file inside"
                + " the template folder: an absolute path or a path with '\\' is not allowed in a"
                + " template",
            "demo/bad/service.hrd:9: config.render.3: source is required (the path of a file in"
                + " the template folder)",
            "demo/bad/service.hrd:12: config.render.4: dest is required (relative to the instance"
                + " folder, or absolute)",
            "demo/bad/service.hrd:12: config.render.4: mode: 'rw-r--r--' is not a permission"
                + " mode: write three octal digits, e.g. 0640 or 644");
    assertThat(template.configRenders()).isEmpty();
  }

  @Test
  void aPlainConfigurationMapNamesTheEntryOfABadValue() {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("service.config.render.1", Map.of("source", "a.conf", "dest", "a", "mode", "4755"));

    ResolvedConfig read = ResolvedConfig.read("demo/web/main", config, null);

    assertThat(read.problems())
        .singleElement()
        .satisfies(p -> assertThat(p).contains("service.config.render.1").contains("mode"));
  }
}
