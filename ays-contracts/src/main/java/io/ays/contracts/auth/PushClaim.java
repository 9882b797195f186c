package io.ays.contracts.auth;

/**
 * The bearer-token claim that names the hosted git repositories a {@code publisher} may push to
 * (docs/security.md, "Who may push where"): a list of repository names or patterns such as {@code
 * binary/*}. An {@code admin} may push anywhere without it; a publisher without it may push
 * nowhere.
 */
public final class PushClaim {

  /** The claim's name. */
  public static final String NAME = "ays_push";

  private PushClaim() {}
}
