package io.ays.monitor;

import io.ays.testing.TracingProfile;
import java.util.HashMap;
import java.util.Map;

/**
 * The trace tests' profile with {@code AYS_LOG_JSON=true}: HealTraceTest and JsonLogsTest share it,
 * one start of the monitor for both.
 */
public class JsonLogsProfile extends TracingProfile {

  @Override
  public Map<String, String> getConfigOverrides() {
    Map<String, String> overrides = new HashMap<>(super.getConfigOverrides());
    overrides.put("AYS_LOG_JSON", "true");
    return overrides;
  }
}
