package io.ays.executor.action;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The instances this node has started and not stopped since, with what is needed to check them: the
 * periodic monitor and the crash reports work from here.
 */
@ApplicationScoped
public class RunningInstances {

  private final Map<String, ActionContext> byKey = new ConcurrentHashMap<>();

  public void started(ActionContext context) {
    byKey.put(context.instanceKey(), context);
  }

  public void stopped(String instanceKey) {
    byKey.remove(instanceKey);
  }

  public boolean isRunning(String instanceKey) {
    return byKey.containsKey(instanceKey);
  }

  public ActionContext get(String instanceKey) {
    return byKey.get(instanceKey);
  }

  public Collection<ActionContext> all() {
    return byKey.values();
  }
}
