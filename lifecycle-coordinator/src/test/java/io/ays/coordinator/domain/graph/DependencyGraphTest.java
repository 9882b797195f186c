package io.ays.coordinator.domain.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DependencyGraphTest {

  @Test
  void dependenciesComeFirstAndASharedOneOnce() {
    Map<String, List<String>> edges =
        Map.of(
            "app", List.of("cache", "db"),
            "cache", List.of("base"),
            "db", List.of("base"),
            "base", List.of());
    DependencyGraph<String> graph = DependencyGraph.of("app", edges::get);
    assertThat(graph.dependenciesFirst()).containsExactly("base", "cache", "db", "app");
    assertThat(graph.dependentsFirst()).containsExactly("app", "db", "cache", "base");
    assertThat(graph.dependentsOf("base")).containsExactly("cache", "db");
    assertThat(graph.dependenciesOf("app")).containsExactly("cache", "db");
    assertThat(graph.root()).contains("app");
  }

  @Test
  void aCycleIsNamedFromEndToEnd() {
    Map<String, List<String>> edges =
        Map.of("app", List.of("a"), "a", List.of("b"), "b", List.of("c"), "c", List.of("a"));
    assertThatThrownBy(() -> DependencyGraph.of("app", edges::get))
        .isInstanceOf(DependencyCycleException.class)
        .hasMessage("dependency cycle: a -> b -> c -> a");
  }

  @Test
  void anInstanceDependingOnItselfIsACycle() {
    assertThatThrownBy(() -> DependencyGraph.of("x", k -> List.of("x")))
        .hasMessage("dependency cycle: x -> x");
  }

  @Test
  void aDependencyNamedTwiceByOneInstanceCountsOnce() {
    DependencyGraph<String> graph =
        DependencyGraph.of("app", k -> k.equals("app") ? List.of("db", "db") : List.of());
    assertThat(graph.dependenciesOf("app")).containsExactly("db");
    assertThat(graph.dependenciesFirst()).containsExactly("db", "app");
  }
}
