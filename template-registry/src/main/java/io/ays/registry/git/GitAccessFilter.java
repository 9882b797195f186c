package io.ays.registry.git;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.jboss.logging.Logger;

/**
 * Guards {@code /git/*} before JGit sees a request: checks the credential a push (or, if
 * configured, a read) needs, and the repository name (so a bad name gets a message saying why, not
 * a bare 404). A request that passes carries its parsed name in {@link #REPOSITORY}, and a push the
 * authenticated user in {@link #PUSHER}, which {@link HostedReceivePackFactory} requires.
 */
@WebFilter(urlPatterns = GitHostingServlet.PATTERN)
public class GitAccessFilter extends HttpFilter {

  /** Request attribute: the user a push authenticated as. */
  static final String PUSHER = "ays.git.pusher";

  /** Request attribute: the {@link HostedRepositoryName} the request is for. */
  static final String REPOSITORY = "ays.git.repository";

  private static final Logger LOG = Logger.getLogger(GitAccessFilter.class);
  private static final String CHALLENGE = "Basic realm=\"AYS git\", charset=\"UTF-8\"";

  // Application-scoped, so injected as a proxy: the filter is built before runtime config exists.
  @Inject GitAccess access;

  @Override
  protected void doFilter(HttpServletRequest req, HttpServletResponse res, FilterChain chain)
      throws IOException, ServletException {
    GitRequest request = GitRequest.of(req);
    GitAccess.Verdict verdict =
        access.decide(request.push(), req.getHeader("Authorization"), request.repositoryPath());
    switch (verdict.decision()) {
      case CHALLENGE -> {
        // A plain 401 with the challenge: that is what makes git ask for (or send) the credential.
        res.setHeader("WWW-Authenticate", CHALLENGE);
        res.sendError(HttpServletResponse.SC_UNAUTHORIZED, verdict.reason());
        return;
      }
      case FORBIDDEN -> {
        LOG.infof("refused git request for %s: %s", req.getRequestURI(), verdict.reason());
        GitErrorResponse.send(request, res, HttpServletResponse.SC_FORBIDDEN, verdict.reason());
        return;
      }
      case ALLOW -> {}
    }
    HostedRepositoryName name;
    try {
      name = HostedRepositoryName.parse(request.repositoryPath());
    } catch (HostedRepositoryName.InvalidRepositoryNameException e) {
      LOG.infof("refused git request for %s: %s", req.getRequestURI(), e.getMessage());
      GitErrorResponse.send(request, res, HttpServletResponse.SC_BAD_REQUEST, e.getMessage());
      return;
    }
    req.setAttribute(REPOSITORY, name);
    if (request.push()) {
      req.setAttribute(PUSHER, verdict.user() == null ? "unknown" : verdict.user());
    }
    chain.doFilter(req, res);
  }
}
