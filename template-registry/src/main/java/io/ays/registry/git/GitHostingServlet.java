package io.ays.registry.git;

import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.servlet.ServletConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServletRequest;
import org.eclipse.jgit.errors.RepositoryNotFoundException;
import org.eclipse.jgit.http.server.GitServlet;
import org.eclipse.jgit.http.server.resolver.AsIsFileService;
import org.eclipse.jgit.lib.Repository;

/**
 * Serves the hosted repositories over HTTP with git's smart protocol, under {@code /git/}: {@code
 * git clone http://<registry>/git/group/name.git}, {@code git push ... HEAD:master}. A push to a
 * repository that does not exist creates it. Only the smart protocol is served (the "dumb" file
 * protocol is off), so every request goes through {@link GitAccessFilter}'s checks.
 */
@WebServlet(urlPatterns = GitHostingServlet.PATTERN, loadOnStartup = 1)
public class GitHostingServlet extends GitServlet {

  /** The servlet path; REST resources keep clear of {@code /git/}. */
  static final String PATTERN = "/git/*";

  @Inject HostedRepositories repositories;
  @Inject Event<HostedPush> pushes;
  @Inject PushLimits limits;

  @Override
  public void init(ServletConfig config) throws ServletException {
    setRepositoryResolver(this::resolve);
    setAsIsFileService(AsIsFileService.DISABLED);
    setReceivePackFactory(new HostedReceivePackFactory(pushes::fire, limits::maxPackBytes));
    super.init(config);
  }

  /**
   * Opens the repository the filter named; a push (which the filter let through with the
   * credential) to a repository that does not exist yet creates it.
   */
  private Repository resolve(HttpServletRequest req, String path)
      throws RepositoryNotFoundException {
    if (!(req.getAttribute(GitAccessFilter.REPOSITORY) instanceof HostedRepositoryName name)) {
      // Only reachable if the filter were not in front of the servlet: serve nothing.
      throw new RepositoryNotFoundException(path);
    }
    if (req.getAttribute(GitAccessFilter.PUSHER) != null) {
      return repositories.openOrCreate(name);
    }
    return repositories.open(name).orElseThrow(() -> new RepositoryNotFoundException(path));
  }
}
