package io.ays.coordinator.domain;

import io.ays.contracts.InstanceKey;
import io.ays.contracts.InstanceState;
import io.ays.contracts.Problem;
import io.ays.contracts.RequestAction;
import io.ays.coordinator.domain.graph.DependencyGraph;
import io.ays.coordinator.persistence.InstanceDependencyEntity;
import io.ays.coordinator.persistence.ServiceInstanceEntity;
import io.ays.coordinator.persistence.TemplateDefinitionEntity;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The runs of start, stop and uninstall over the dependencies recorded at install.
 *
 * <p>Start starts the dependencies that are not running first. Stop and uninstall go the other way:
 * the instance first, then each dependency once everything that needs it is done, and only if no
 * instance outside the request still uses it (stop: no other running user; uninstall: no other
 * installed user). Like {@code systemctl stop}, stopping an instance that others need is allowed;
 * they are not stopped with it.
 */
@ApplicationScoped
public class InstalledClosure {

  private static final Set<InstanceState> NOT_RUNNING =
      Set.of(InstanceState.NEW, InstanceState.STOPPED, InstanceState.FAILED, InstanceState.REMOVED);

  private final InstancePlanner planner;
  private final SecretValues json;

  public InstalledClosure(InstancePlanner planner, SecretValues json) {
    this.planner = planner;
    this.json = json;
  }

  /** Start: dependencies that are not running first, then the root (always). */
  public List<PreparedRun> startRuns(InstancePlanner.Member root, List<Problem> problems) {
    DependencyGraph<InstanceKey> graph = graph(root.key(), problems);
    List<PreparedRun> runs = new ArrayList<>();
    Set<InstanceKey> withRuns = new HashSet<>();
    for (InstanceKey key : graph.dependenciesFirst()) {
      boolean isRoot = key.equals(root.key());
      ServiceInstanceEntity instance = ServiceInstanceEntity.findById(key.toString());
      if (!isRoot && InstanceState.RUNNING.name().equals(instance.state)) {
        continue;
      }
      PreparedRun run =
          plan(isRoot ? root : member(RequestAction.START, instance, root.key()), problems);
      if (run != null) {
        List<InstanceKey> after =
            graph.dependenciesOf(key).stream().filter(withRuns::contains).toList();
        runs.add(run.after(after));
        withRuns.add(key);
      }
    }
    return runs;
  }

  /**
   * Stop or uninstall: the root first, then the dependencies nothing else needs. Uninstalling a
   * node (an instance of a {@code category: node} template) first uninstalls the services placed on
   * it, those that use others before those they use, and the node once they are gone: they cannot
   * outlive it.
   */
  public List<PreparedRun> stopRuns(InstancePlanner.Member root, List<Problem> problems) {
    RequestAction action = root.action();
    List<InstanceKey> hosted =
        action == RequestAction.UNINSTALL && NodeTemplates.isNode(root.template())
            ? hostedOn(root.key())
            : List.of();
    List<InstanceKey> roots = new ArrayList<>();
    roots.add(root.key());
    roots.addAll(hosted);
    DependencyGraph<InstanceKey> graph = graph(roots, problems);
    Set<InstanceKey> leaving = new HashSet<>(roots);
    hosted.forEach(key -> usedFromOutside(key, leaving, problems));
    List<PreparedRun> runs = new ArrayList<>();
    Set<InstanceKey> included = new HashSet<>();
    for (InstanceKey key : graph.dependentsFirst()) {
      boolean isRoot = key.equals(root.key());
      if (!leaving.contains(key) && stillUsed(key, included, action)) {
        continue;
      }
      ServiceInstanceEntity instance = ServiceInstanceEntity.findById(key.toString());
      PreparedRun run = plan(isRoot ? root : member(action, instance, root.key()), problems);
      if (run != null) {
        List<InstanceKey> after =
            new ArrayList<>(graph.dependentsOf(key).stream().filter(included::contains).toList());
        if (isRoot) {
          hosted.stream().filter(included::contains).forEach(after::add);
        }
        runs.add(run.after(after));
        included.add(key);
      }
    }
    return runs;
  }

  /** The instances placed on the node that {@code node} (a node instance) stands for. */
  private static List<InstanceKey> hostedOn(InstanceKey node) {
    List<ServiceInstanceEntity> placed =
        ServiceInstanceEntity.list("node = ?1 order by instanceKey", node.instance());
    return placed.stream()
        .map(instance -> InstanceKey.parse(instance.instanceKey))
        .filter(key -> !key.equals(node))
        .toList();
  }

  /**
   * A service on a node being uninstalled that an instance elsewhere still uses is a problem: it
   * goes with the node, and its user would be left broken.
   */
  private static void usedFromOutside(
      InstanceKey hosted, Set<InstanceKey> leaving, List<Problem> problems) {
    for (String user : InstanceDependencyEntity.usersOf(hosted.toString())) {
      if (!leaving.contains(InstanceKey.parse(user))
          && ServiceInstanceEntity.findById(user) != null) {
        problems.add(
            new Problem(
                hosted + ": dependencies",
                hosted
                    + " runs on the node being uninstalled and "
                    + user
                    + " still uses it: uninstall "
                    + user
                    + " first"));
      }
    }
  }

  /**
   * The instances that use {@code key} and are running (or on their way), by the rule a stop uses
   * to keep a dependency: a removedata under them would take their dependency's data away.
   */
  public static List<String> runningUsersOf(InstanceKey key) {
    List<String> running = new ArrayList<>();
    for (String user : InstanceDependencyEntity.usersOf(key.toString())) {
      ServiceInstanceEntity instance = ServiceInstanceEntity.findById(user);
      if (instance != null && !NOT_RUNNING.contains(InstanceState.valueOf(instance.state))) {
        running.add(user);
      }
    }
    return running;
  }

  /** Whether an instance outside {@code leaving} still needs {@code dependency}. */
  private static boolean stillUsed(
      InstanceKey dependency, Set<InstanceKey> leaving, RequestAction action) {
    for (String user : InstanceDependencyEntity.usersOf(dependency.toString())) {
      if (leaving.contains(InstanceKey.parse(user))) {
        continue;
      }
      ServiceInstanceEntity instance = ServiceInstanceEntity.findById(user);
      if (instance == null) {
        continue;
      }
      if (action == RequestAction.UNINSTALL
          || !NOT_RUNNING.contains(InstanceState.valueOf(instance.state))) {
        return true;
      }
    }
    return false;
  }

  /**
   * The recorded dependency graph of {@code root}; a dependency AYS no longer knows is a problem.
   */
  private static DependencyGraph<InstanceKey> graph(InstanceKey root, List<Problem> problems) {
    return graph(List.of(root), problems);
  }

  private static DependencyGraph<InstanceKey> graph(
      List<InstanceKey> roots, List<Problem> problems) {
    return DependencyGraph.ofAll(
        roots,
        key -> {
          List<InstanceKey> known = new ArrayList<>();
          for (String dependency : InstanceDependencyEntity.dependenciesOf(key.toString())) {
            if (ServiceInstanceEntity.findById(dependency) == null) {
              problems.add(
                  new Problem(
                      key + ": dependencies",
                      "dependency "
                          + dependency
                          + " is not installed (install it, or use noDeps)"));
            } else {
              known.add(InstanceKey.parse(dependency));
            }
          }
          return known;
        });
  }

  private InstancePlanner.Member member(
      RequestAction action, ServiceInstanceEntity instance, InstanceKey requiredBy) {
    InstanceKey key = InstanceKey.parse(instance.instanceKey);
    Optional<TemplateDefinitionEntity> template =
        instance.templateHash == null
            ? TemplateDefinitionEntity.latest(key.domain(), key.name())
            : TemplateDefinitionEntity.version(key.domain(), key.name(), instance.templateHash);
    return new InstancePlanner.Member(
        action,
        key,
        instance.node,
        template.orElse(null),
        json.openJson(instance.answers),
        instance,
        false,
        false,
        requiredBy,
        List.of());
  }

  private PreparedRun plan(InstancePlanner.Member member, List<Problem> problems) {
    if (member.template() == null) {
      problems.add(
          new Problem(
              member.key() + ": template",
              "the installed template version of " + member.key() + " is unknown"));
      return null;
    }
    return planner.plan(member, problems);
  }
}
