package io.ays.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The Grafana dashboard and the Prometheus alert rules under deploy/ read only series the services
 * export: the names in deploy/prometheus/exported-metrics.txt, which each service's scrape test
 * checks against its real {@code /q/metrics} (so neither list nor dashboard can go stale), and
 * Prometheus' own {@code up}. The alerts the operators rely on are all there.
 */
class DashboardAndAlertsTest {

  private static final Path ROOT = Path.of(System.getProperty("ays.project.dir", "..")).normalize();
  private static final Path PROMETHEUS = ROOT.resolve("deploy/prometheus");
  private static final Path DASHBOARD = ROOT.resolve("deploy/grafana/ays-overview.json");

  /** Series Prometheus itself makes for every target. */
  private static final Set<String> PROMETHEUS_OWN = Set.of("up");

  @Test
  void theDashboardReadsOnlyExportedSeries() throws IOException {
    Map<String, String> expressions = new TreeMap<>();
    collectExpressions(load(DASHBOARD), "dashboard", expressions);
    assertThat(expressions).hasSizeGreaterThanOrEqualTo(15);
    assertReadOnlyExported(expressions);
  }

  @Test
  @SuppressWarnings("unchecked")
  void theAlertRulesReadOnlyExportedSeriesAndCoverWhatOperatorsWatch() throws IOException {
    Map<String, Object> rules = (Map<String, Object>) load(PROMETHEUS.resolve("alerts.yml"));
    Map<String, String> expressions = new TreeMap<>();
    for (Map<String, Object> group : (List<Map<String, Object>>) rules.get("groups")) {
      for (Map<String, Object> rule : (List<Map<String, Object>>) group.get("rules")) {
        String alert = (String) rule.get("alert");
        assertThat(alert).as("every rule is an alert with a name").isNotBlank();
        assertThat((Map<String, Object>) rule.get("labels")).containsKey("severity");
        assertThat((Map<String, Object>) rule.get("annotations")).containsKey("summary");
        expressions.put(alert, String.valueOf(rule.get("expr")));
      }
    }
    assertThat(expressions)
        .containsKeys(
            "AysInstancesGivenUp",
            "AysRunsFailed",
            "AysRestartsPerHour",
            "AysOutboxBacklog",
            "AysConsumerLag",
            "AysNodesSilent");
    assertReadOnlyExported(expressions);
  }

  @Test
  void theScrapeConfigurationNamesEveryServicesPortAndAToken() throws IOException {
    String config = Files.readString(PROMETHEUS.resolve("prometheus.yml"));
    assertThat(config)
        .contains("127.0.0.1:8081", "127.0.0.1:8082", "127.0.0.1:8083", "127.0.0.1:8084")
        .contains("metrics_path: /q/metrics", "credentials_file:", "alerts.yml");
  }

  @Test
  void metricNamesAreFoundWithoutFunctionsLabelsOrDurations() {
    assertThat(
            PromQlMetricNames.of(
                "histogram_quantile(0.95, sum by (le, phase) (rate("
                    + "ays_x_seconds_bucket{outcome!=\"failed\"}[$__rate_interval]))) > 1e3"
                    + " and on (job) up == 0 or max_over_time(other_total[5m] offset 1h)"))
        .containsExactly("ays_x_seconds_bucket", "other_total", "up");
    assertThatThrownBy(() -> PromQlMetricNames.of("summ(ays_x)"))
        .hasMessageContaining("'summ' is no PromQL function");
  }

  private static void assertReadOnlyExported(Map<String, String> expressions) throws IOException {
    Set<String> exported = exportedNames();
    List<String> unknown = new ArrayList<>();
    for (Map.Entry<String, String> e : expressions.entrySet()) {
      Set<String> names = PromQlMetricNames.of(e.getValue());
      assertThat(names).as("%s reads a series: %s", e.getKey(), e.getValue()).isNotEmpty();
      for (String name : names) {
        if (!exported.contains(name) && !PROMETHEUS_OWN.contains(name)) {
          unknown.add(e.getKey() + " reads " + name);
        }
      }
    }
    assertThat(unknown).as("series no service exports").isEmpty();
  }

  private static Set<String> exportedNames() throws IOException {
    Set<String> names = new TreeSet<>();
    for (String line : Files.readAllLines(PROMETHEUS.resolve("exported-metrics.txt"))) {
      String[] fields = line.strip().split("\\s+");
      if (fields.length == 2 && !line.startsWith("#")) {
        names.add(fields[1]);
      }
    }
    assertThat(names).hasSizeGreaterThanOrEqualTo(20);
    return names;
  }

  /** Every {@code expr} under {@code node}, keyed by where it is. */
  @SuppressWarnings("unchecked")
  private static void collectExpressions(Object node, String where, Map<String, String> into) {
    if (node instanceof Map<?, ?> map) {
      String title = map.get("title") instanceof String t ? where + " / " + t : where;
      for (Map.Entry<String, Object> e : ((Map<String, Object>) map).entrySet()) {
        if (e.getKey().equals("expr") && e.getValue() instanceof String expr) {
          into.put(title + " / " + map.get("refId"), expr);
        } else {
          collectExpressions(e.getValue(), title, into);
        }
      }
    } else if (node instanceof List<?> list) {
      for (Object item : list) {
        collectExpressions(item, where, into);
      }
    }
  }

  private static Object load(Path file) throws IOException {
    // JSON is YAML: one parser for the dashboard and the rules.
    return new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(file));
  }
}
