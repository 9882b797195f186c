package io.ays.registry.git;

import java.util.Map;

/**
 * A hosted repository as listed: its name, where to clone it from (path under the registry's base
 * URL), the branch HEAD points at, and every branch with its commit.
 */
public record HostedRepository(
    String name, String path, String head, Map<String, String> branches) {}
