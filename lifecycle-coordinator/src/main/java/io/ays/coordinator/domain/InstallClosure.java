package io.ays.coordinator.domain;

import io.ays.contracts.InstanceKey;
import io.ays.contracts.Problem;
import io.ays.contracts.RequestAction;
import io.ays.coordinator.domain.graph.DependencyGraph;
import io.ays.coordinator.persistence.ServiceInstanceEntity;
import io.ays.coordinator.persistence.TemplateDefinitionEntity;
import io.ays.model.template.DependencySpec;
import io.ays.model.template.ResolvedInstance;
import io.ays.model.template.Template;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The runs of an install with its dependencies: the template's {@code dependencies.N}, followed
 * recursively, each dependency installed before the instances that need it.
 *
 * <p>A dependency's domain defaults to its dependent's, its instance to {@code main}; its answers
 * are the dict its {@code args} key names, never the dependent's own answers (a defect of the
 * original). The dependent's recipe is resolved against the dependent's instance first, as in AYS
 * 7, so its {@code dependencies.N} fields and {@code args} may pass its own values down with {@code
 * $(instance.param.port)}; a reference the instance cannot answer is a problem naming the key.
 * Without {@code args}, an already installed dependency keeps its stored answers. A new dependency
 * lives on its dependent's node; an installed one stays where it is. A dependency that is
 * installed, running and unchanged gets no run; a dependency several instances need gets one.
 */
@ApplicationScoped
public class InstallClosure {

  private final InstancePlanner planner;
  private final SecretValues json;
  private final ParsedTemplates templates;

  public InstallClosure(InstancePlanner planner, SecretValues json, ParsedTemplates templates) {
    this.planner = planner;
    this.json = json;
    this.templates = templates;
  }

  /**
   * The runs, dependencies first and the root last; problems (unknown templates, bad answers of a
   * dependency, conflicting answers) are added to {@code problems}.
   *
   * @throws io.ays.coordinator.domain.graph.DependencyCycleException on a dependency cycle
   */
  public List<PreparedRun> runs(InstancePlanner.Member root, List<Problem> problems) {
    Map<InstanceKey, InstancePlanner.Member> members = new LinkedHashMap<>();
    members.put(root.key(), root);
    DependencyGraph<InstanceKey> graph =
        DependencyGraph.of(root.key(), key -> dependencies(members.get(key), members, problems));

    List<PreparedRun> runs = new ArrayList<>();
    Set<InstanceKey> withRuns = new HashSet<>();
    for (InstanceKey key : graph.dependenciesFirst()) {
      InstancePlanner.Member member = members.get(key).withDependencies(graph.dependenciesOf(key));
      PreparedRun run = planner.plan(member, problems);
      if (run == null || (run.upToDate() && member.requiredBy() != null)) {
        continue; // a dependency already running as asked needs no run
      }
      List<InstanceKey> after =
          graph.dependenciesOf(key).stream().filter(withRuns::contains).toList();
      runs.add(run.after(after));
      withRuns.add(key);
    }
    return runs;
  }

  /** The direct dependencies of {@code dependent}, registering each new one as a member. */
  private List<InstanceKey> dependencies(
      InstancePlanner.Member dependent,
      Map<InstanceKey, InstancePlanner.Member> members,
      List<Problem> problems) {
    Template template = templates.of(dependent.template());
    ResolvedInstance resolved = template.resolve(dependent.key().instance(), dependent.answers());
    if (!resolved.ok()) {
      return List.of(); // the dependent's own plan reports why
    }
    List<InstanceKey> keys = new ArrayList<>();
    for (DependencySpec spec : resolved.dependencies()) {
      String field = dependent.key() + ": " + spec.key();
      InstanceKey key;
      try {
        key = new InstanceKey(spec.domain(), spec.name(), spec.instance());
      } catch (RuntimeException e) {
        problems.add(new Problem(field, e.getMessage()));
        continue;
      }
      InstancePlanner.Member known = members.get(key);
      if (known != null) {
        if (!spec.args().isEmpty() && !spec.args().equals(known.answers())) {
          problems.add(
              new Problem(
                  field, key + " is also required by " + requester(known) + " with other answers"));
        }
        keys.add(key);
        continue;
      }
      Optional<TemplateDefinitionEntity> dependencyTemplate =
          TemplateDefinitionEntity.latest(spec.domain(), spec.name());
      if (dependencyTemplate.isEmpty()) {
        problems.add(new Problem(field, "unknown template " + spec.templateKey()));
        continue;
      }
      ServiceInstanceEntity existing = ServiceInstanceEntity.findById(key.toString());
      Map<String, Object> answers =
          !spec.args().isEmpty() || existing == null
              ? spec.args()
              : json.openJson(existing.answers);
      members.put(
          key,
          new InstancePlanner.Member(
              RequestAction.INSTALL,
              key,
              existing != null ? existing.node : dependent.node(),
              dependencyTemplate.get(),
              answers,
              existing,
              false,
              false,
              dependent.key(),
              List.of()));
      keys.add(key);
    }
    return keys;
  }

  private static String requester(InstancePlanner.Member member) {
    return member.requiredBy() == null ? "the request" : member.requiredBy().toString();
  }
}
