package io.ays.coordinator.domain;

import io.ays.contracts.InstanceKey;
import io.ays.contracts.InstanceState;
import io.ays.contracts.Problem;
import io.ays.contracts.RequestAction;
import io.ays.coordinator.config.CoordinatorConfig;
import io.ays.coordinator.domain.plan.PhasePlanner;
import io.ays.coordinator.domain.plan.PlanRequest;
import io.ays.coordinator.persistence.ServiceInstanceEntity;
import io.ays.coordinator.persistence.TemplateDefinitionEntity;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Checks and plans the run of one instance of a request: resolves its configuration from the
 * template and answers, decides whether an install is already up to date, and builds its phase
 * plan. Reads, never writes.
 */
@ApplicationScoped
public class InstancePlanner {

  private final PhasePlanner planner = new PhasePlanner();
  private final InstanceConfigResolver resolver;
  private final SecretValues json;
  private final CoordinatorConfig config;
  private final PhasePolicyBook policies;

  public InstancePlanner(
      InstanceConfigResolver resolver,
      SecretValues json,
      CoordinatorConfig config,
      PhasePolicyBook policies) {
    this.resolver = resolver;
    this.json = json;
    this.config = config;
    this.policies = policies;
  }

  /**
   * One instance to plan.
   *
   * @param existing the instance as stored, or null if AYS does not know it yet
   * @param force run an install even if nothing changed
   * @param requiredBy the instance that brought this one into the request, or null
   * @param dependsOn its direct dependencies
   */
  public record Member(
      RequestAction action,
      InstanceKey key,
      String node,
      TemplateDefinitionEntity template,
      Map<String, Object> answers,
      ServiceInstanceEntity existing,
      boolean force,
      boolean noStart,
      InstanceKey requiredBy,
      List<InstanceKey> dependsOn) {

    Member withDependencies(List<InstanceKey> dependencies) {
      return new Member(
          action, key, node, template, answers, existing, force, noStart, requiredBy, dependencies);
    }
  }

  /**
   * Plans {@code member}; adds what is wrong to {@code problems} (fields of a dependency are
   * prefixed with its instance key) and returns null if anything is.
   */
  public PreparedRun plan(Member member, List<Problem> problems) {
    InstanceConfigResolver.Resolution resolution =
        resolver.resolve(member.template(), member.key(), member.answers());
    List<Problem> found = new ArrayList<>(resolution.problems());
    if (resolution.ok()) {
      found.addAll(policies.problems(resolution.config()));
    }
    if (!found.isEmpty()) {
      found.stream()
          .map(p -> member.requiredBy() == null ? p : prefixed(member.key(), p))
          .forEach(problems::add);
      return null;
    }
    ServiceInstanceEntity existing = member.existing();
    boolean running = existing != null && InstanceState.RUNNING.name().equals(existing.state);
    boolean unchanged =
        existing != null
            && !existing.fullRunNeeded
            && member.template().contentHash.equals(existing.templateHash)
            && json.sameAnswers(resolution.answers(), existing.answers);
    // As asked: running, or installed and not started when the request says --no-start.
    boolean asAsked =
        running
            || (member.noStart()
                && existing != null
                && InstanceState.STOPPED.name().equals(existing.state));
    boolean upToDate =
        member.action() == RequestAction.INSTALL && !member.force() && unchanged && asAsked;
    PlanRequest planRequest =
        new PlanRequest(
            member.action(),
            config.managementNode(),
            member.node(),
            member.template().hasManagementActions,
            member.noStart(),
            member.action() == RequestAction.INSTALL && running,
            // A running instance that was reset keeps running as it is: only an install redoes it.
            member.action() == RequestAction.START
                && existing != null
                && existing.fullRunNeeded
                && !running);
    return new PreparedRun(
        member.action(),
        member.key(),
        member.node(),
        member.template(),
        resolution.answers(),
        resolution.config(),
        upToDate ? List.of() : planner.plan(planRequest),
        upToDate,
        member.requiredBy(),
        List.of(),
        member.dependsOn(),
        resolver.secretKeys(member.template()));
  }

  private static Problem prefixed(InstanceKey key, Problem problem) {
    return new Problem(key + ": " + problem.field(), problem.message());
  }
}
