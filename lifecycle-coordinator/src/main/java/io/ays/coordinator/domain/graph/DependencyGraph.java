package io.ays.coordinator.domain.graph;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The dependency closure of one instance, in an order where every instance comes after the ones it
 * depends on (a topological order). Pure: the caller supplies the edges, so the same graph serves
 * installs (dependencies first) and stops (the reverse).
 *
 * <p>A shared dependency appears once, however many instances need it. A cycle is an error naming
 * it from end to end ({@code a -> b -> a}), never a loop.
 *
 * @param <K> the node identity, e.g. an instance key
 */
public final class DependencyGraph<K> {

  private final Map<K, List<K>> edges;
  private final List<K> order;

  private DependencyGraph(Map<K, List<K>> edges, List<K> order) {
    this.edges = edges;
    this.order = order;
  }

  /**
   * Walks the dependencies of {@code root}.
   *
   * @param dependenciesOf the direct dependencies of a node, in declaration order
   * @throws DependencyCycleException if a node depends on itself, directly or not
   */
  public static <K> DependencyGraph<K> of(K root, Function<K, List<K>> dependenciesOf) {
    Map<K, List<K>> edges = new LinkedHashMap<>();
    List<K> order = new ArrayList<>();
    visit(root, dependenciesOf, edges, new LinkedHashSet<>(), order);
    return new DependencyGraph<>(edges, List.copyOf(order));
  }

  /**
   * Walks the dependencies of several roots into one graph: a node they share appears once, and
   * every node still comes after its dependencies. The last root is the graph's {@link #root()}
   * unless an earlier one depends on it.
   *
   * @throws DependencyCycleException if a node depends on itself, directly or not
   */
  public static <K> DependencyGraph<K> ofAll(List<K> roots, Function<K, List<K>> dependenciesOf) {
    Map<K, List<K>> edges = new LinkedHashMap<>();
    List<K> order = new ArrayList<>();
    for (K root : roots) {
      visit(root, dependenciesOf, edges, new LinkedHashSet<>(), order);
    }
    return new DependencyGraph<>(edges, List.copyOf(order));
  }

  private static <K> void visit(
      K node,
      Function<K, List<K>> dependenciesOf,
      Map<K, List<K>> edges,
      LinkedHashSet<K> path,
      List<K> order) {
    if (edges.containsKey(node)) {
      return; // already placed: a shared dependency
    }
    if (!path.add(node)) {
      throw new DependencyCycleException(cycle(path, node));
    }
    List<K> direct = List.copyOf(new LinkedHashSet<>(dependenciesOf.apply(node)));
    for (K dependency : direct) {
      visit(dependency, dependenciesOf, edges, path, order);
    }
    path.remove(node);
    edges.put(node, direct);
    order.add(node);
  }

  private static <K> List<K> cycle(LinkedHashSet<K> path, K closing) {
    List<K> cycle = new ArrayList<>();
    boolean inCycle = false;
    for (K node : path) {
      inCycle = inCycle || node.equals(closing);
      if (inCycle) {
        cycle.add(node);
      }
    }
    cycle.add(closing);
    return cycle;
  }

  /** Every node, each after its dependencies; the root is last. */
  public List<K> dependenciesFirst() {
    return order;
  }

  /** Every node, each before its dependencies; the root is first. */
  public List<K> dependentsFirst() {
    List<K> reversed = new ArrayList<>(order);
    Collections.reverse(reversed);
    return reversed;
  }

  /** The direct dependencies of {@code node}; empty for a node outside the graph. */
  public List<K> dependenciesOf(K node) {
    return edges.getOrDefault(node, List.of());
  }

  /** The nodes of the graph that depend directly on {@code node}. */
  public List<K> dependentsOf(K node) {
    return order.stream().filter(n -> edges.get(n).contains(node)).toList();
  }

  public boolean contains(K node) {
    return edges.containsKey(node);
  }

  /** The root: the node the walk started from. */
  public Optional<K> root() {
    return order.isEmpty() ? Optional.empty() : Optional.of(order.get(order.size() - 1));
  }

  /** Every node of the graph. */
  public Set<K> nodes() {
    return Collections.unmodifiableSet(edges.keySet());
  }
}
