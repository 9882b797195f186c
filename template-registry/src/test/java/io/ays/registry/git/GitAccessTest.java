package io.ays.registry.git;

import static io.ays.registry.git.GitAccess.Decision.ALLOW;
import static io.ays.registry.git.GitAccess.Decision.CHALLENGE;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GitAccessTest {

  private final PushCredentials configured =
      new PushCredentials(Optional.of("pub"), Optional.of("pw:with:colons"));
  private final PushCredentials none = new PushCredentials(Optional.empty(), Optional.empty());

  @Test
  void onlyTheConfiguredUserAndPasswordAreValid() {
    assertThat(configured.check(basic("pub", "pw:with:colons")))
        .isEqualTo(PushCredentials.Check.VALID);
    assertThat(configured.check(basic("pub", "wrong"))).isEqualTo(PushCredentials.Check.INVALID);
    assertThat(configured.check(basic("other", "pw:with:colons")))
        .isEqualTo(PushCredentials.Check.INVALID);
    assertThat(configured.check(null)).isEqualTo(PushCredentials.Check.INVALID);
    assertThat(configured.check("Bearer abc")).isEqualTo(PushCredentials.Check.INVALID);
    assertThat(configured.check("Basic !!notbase64")).isEqualTo(PushCredentials.Check.INVALID);
    assertThat(none.check(basic("pub", "pw"))).isEqualTo(PushCredentials.Check.NOT_CONFIGURED);
  }

  @Test
  void aPushAlwaysNeedsTheCredentialAndAReadOnlyWhenConfigured() {
    assertThat(GitAccess.decide(true, false, PushCredentials.Check.VALID)).isEqualTo(ALLOW);
    assertThat(GitAccess.decide(true, false, PushCredentials.Check.INVALID)).isEqualTo(CHALLENGE);
    // no shared credential configured: git is asked for one, a token as the password
    assertThat(GitAccess.decide(true, false, PushCredentials.Check.NOT_CONFIGURED))
        .isEqualTo(CHALLENGE);

    assertThat(GitAccess.decide(false, false, PushCredentials.Check.INVALID)).isEqualTo(ALLOW);
    assertThat(GitAccess.decide(false, false, PushCredentials.Check.NOT_CONFIGURED))
        .isEqualTo(ALLOW);
    assertThat(GitAccess.decide(false, true, PushCredentials.Check.INVALID)).isEqualTo(CHALLENGE);
    assertThat(GitAccess.decide(false, true, PushCredentials.Check.VALID)).isEqualTo(ALLOW);
  }

  @Test
  void recognisesPushesByTheirServiceAndStripsItFromTheRepositoryPath() {
    assertThat(GitRequest.of("/g/n.git/info/refs", "git-receive-pack"))
        .isEqualTo(new GitRequest("g/n.git", true, "git-receive-pack"));
    assertThat(GitRequest.of("/g/n.git/git-receive-pack", null))
        .isEqualTo(new GitRequest("g/n.git", true, null));
    assertThat(GitRequest.of("/g/n.git/info/refs", "git-upload-pack"))
        .isEqualTo(new GitRequest("g/n.git", false, "git-upload-pack"));
    assertThat(GitRequest.of("/n.git/git-upload-pack", null))
        .isEqualTo(new GitRequest("n.git", false, null));
    assertThat(GitRequest.of("/g/n.git/HEAD", null).push()).isFalse();
  }

  private static String basic(String user, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }
}
