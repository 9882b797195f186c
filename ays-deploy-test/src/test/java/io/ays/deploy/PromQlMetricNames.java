package io.ays.deploy;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metric names a PromQL expression reads, found conservatively without a PromQL parser
 * (Prometheus' {@code promtool} is a Go program, not at hand in a Java build): string literals,
 * label matchers ({@code {...}}), range and subquery durations ({@code [...]}), the label lists of
 * {@code by}, {@code without}, {@code on}, {@code ignoring}, {@code group_left} and {@code
 * group_right}, Grafana variables ({@code $__rate_interval}) and numbers are removed; of the
 * identifiers left, one followed by {@code (} must be a known function or aggregation (an unknown
 * one fails, so a typo cannot hide a name), a keyword is skipped, and every other is a metric name.
 */
final class PromQlMetricNames {

  private static final Set<String> FUNCTIONS =
      Set.of(
          // aggregations
          "sum",
          "min",
          "max",
          "avg",
          "group",
          "stddev",
          "stdvar",
          "count",
          "count_values",
          "bottomk",
          "topk",
          "quantile",
          "limitk",
          "limit_ratio",
          // functions
          "abs",
          "absent",
          "absent_over_time",
          "ceil",
          "changes",
          "clamp",
          "clamp_max",
          "clamp_min",
          "day_of_month",
          "day_of_week",
          "day_of_year",
          "days_in_month",
          "delta",
          "deriv",
          "exp",
          "floor",
          "histogram_quantile",
          "histogram_count",
          "histogram_sum",
          "histogram_fraction",
          "holt_winters",
          "hour",
          "idelta",
          "increase",
          "irate",
          "label_join",
          "label_replace",
          "ln",
          "log2",
          "log10",
          "minute",
          "month",
          "predict_linear",
          "rate",
          "resets",
          "round",
          "scalar",
          "sgn",
          "sort",
          "sort_desc",
          "sqrt",
          "time",
          "timestamp",
          "vector",
          "year",
          "avg_over_time",
          "min_over_time",
          "max_over_time",
          "sum_over_time",
          "count_over_time",
          "quantile_over_time",
          "stddev_over_time",
          "stdvar_over_time",
          "last_over_time",
          "present_over_time");
  private static final Set<String> KEYWORDS =
      Set.of("and", "or", "unless", "bool", "offset", "inf", "nan");
  private static final Pattern STRINGS = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'[^']*'");
  private static final Pattern GROUPING =
      Pattern.compile("\\b(?:by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
  private static final Pattern IDENTIFIER =
      Pattern.compile("(?<![\\w:.$])[a-zA-Z_:][a-zA-Z0-9_:]*(?![\\w:])");

  private PromQlMetricNames() {}

  /** The metric names {@code expression} reads; throws naming an unknown function. */
  static Set<String> of(String expression) {
    String rest = STRINGS.matcher(expression).replaceAll(" ");
    rest = rest.replaceAll("\\{[^}]*}", " ");
    rest = rest.replaceAll("\\[[^]]*]", " ");
    rest = GROUPING.matcher(rest).replaceAll(" ");
    rest = rest.replaceAll("\\$\\{?\\w+}?", " ");
    rest = rest.replaceAll("\\b\\d+(?:\\.\\d+)?(?:[eE][+-]?\\d+)?[smhdwy]?\\b", " ");
    Set<String> names = new TreeSet<>();
    Matcher identifier = IDENTIFIER.matcher(rest);
    while (identifier.find()) {
      String word = identifier.group();
      String after = rest.substring(identifier.end()).stripLeading();
      if (after.startsWith("(")) {
        if (!FUNCTIONS.contains(word)) {
          throw new IllegalArgumentException(
              "'" + word + "' is no PromQL function this check knows, in: " + expression);
        }
      } else if (!KEYWORDS.contains(word.toLowerCase())) {
        names.add(word);
      }
    }
    return names;
  }
}
