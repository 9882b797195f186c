package io.ays.executor.action;

import io.ays.contracts.ExecutionRole;
import io.ays.contracts.Phase;
import io.ays.executor.node.NodePlatform;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Refuses to install a template on a node whose platform its {@code platform.supported} does not
 * name (empty or absent: any platform). Only on the hosting node: the management location runs no
 * part of the service.
 */
final class PlatformCheck {

  static final String KEY = "service.platform.supported";

  private PlatformCheck() {}

  /** Why the instance cannot be installed here, or empty if it can. */
  static Optional<String> refusal(ActionContext context, Phase phase, NodePlatform platform) {
    if (context.command().role() != ExecutionRole.NODE) {
      return Optional.empty();
    }
    List<String> supported = supported(context.config().get(KEY));
    if (platform.supportsAny(supported)) {
      return Optional.empty();
    }
    return Optional.of(
        KEY
            + " "
            + supported
            + " does not include node "
            + context.command().node()
            + " ("
            + platform
            + "); not installed");
  }

  private static List<String> supported(Object value) {
    List<String> names = new ArrayList<>();
    if (value instanceof List<?> list) {
      list.forEach(item -> names.add(String.valueOf(item)));
    } else if (value != null) {
      names.add(String.valueOf(value));
    }
    return names;
  }
}
