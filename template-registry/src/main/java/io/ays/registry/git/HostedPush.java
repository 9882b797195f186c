package io.ays.registry.git;

/**
 * A CDI event: a push to a hosted repository updated its branches. The sync schedule listens, so
 * that a hosted metadata repository is synced as soon as it is pushed to.
 */
public record HostedPush(HostedRepositoryName repository) {}
