package io.ays.contracts.auth;

import java.util.List;

/**
 * The roles of AYS's REST APIs, carried in a bearer token's {@code groups} claim (docs/security.md,
 * "Who may do what"). They nest: {@code admin} may do everything, {@code operator} and {@code
 * publisher} may also read. Annotations list every role that may call, e.g.
 * {@code @RolesAllowed({Roles.VIEWER, Roles.OPERATOR, Roles.PUBLISHER, Roles.ADMIN})} for a read.
 */
public final class Roles {

  /** Reads: templates, instances, runs, health, nodes, logs. */
  public static final String VIEWER = "viewer";

  /** Lifecycle requests: install, start, stop, restart, configure, uninstall, build. */
  public static final String OPERATOR = "operator";

  /** Template registry writes: sync, validate, hosted repositories and git push. */
  public static final String PUBLISHER = "publisher";

  /** Everything. */
  public static final String ADMIN = "admin";

  /** Every role, weakest first. */
  public static final List<String> ALL = List.of(VIEWER, OPERATOR, PUBLISHER, ADMIN);

  private Roles() {}
}
