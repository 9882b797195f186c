package io.ays.registry.git;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.ReceiveCommand;
import org.eclipse.jgit.transport.ReceivePack;
import org.eclipse.jgit.transport.resolver.ReceivePackFactory;
import org.eclipse.jgit.transport.resolver.ServiceNotAuthorizedException;
import org.jboss.logging.Logger;

/**
 * Makes the receive-pack of a push that {@link GitAccessFilter} let through, and announces each
 * successful push so that a hosted metadata repository gets synced at once.
 */
final class HostedReceivePackFactory implements ReceivePackFactory<HttpServletRequest> {

  private static final Logger LOG = Logger.getLogger(HostedReceivePackFactory.class);

  private final Consumer<HostedPush> onPush;
  private final LongSupplier maxPackBytes;

  HostedReceivePackFactory(Consumer<HostedPush> onPush, LongSupplier maxPackBytes) {
    this.onPush = onPush;
    this.maxPackBytes = maxPackBytes;
  }

  @Override
  public ReceivePack create(HttpServletRequest req, Repository db)
      throws ServiceNotAuthorizedException {
    Object pusher = req.getAttribute(GitAccessFilter.PUSHER);
    if (pusher == null
        || !(req.getAttribute(GitAccessFilter.REPOSITORY) instanceof HostedRepositoryName name)) {
      // Only reachable if the filter were not in front of the servlet: refuse rather than accept.
      throw new ServiceNotAuthorizedException();
    }
    ReceivePack pack = new ReceivePack(db);
    // JGit refuses a larger pack while receiving it ("Pack exceeds the limit of N bytes") and
    // keeps nothing of it; the client shows the reason.
    pack.setMaxPackSizeLimit(maxPackBytes.getAsLong());
    pack.setRefLogIdent(new PersonIdent(pusher.toString(), pusher + "@" + req.getRemoteHost()));
    pack.setPostReceiveHook(
        (rp, commands) -> {
          boolean updated =
              commands.stream().anyMatch(c -> c.getResult() == ReceiveCommand.Result.OK);
          if (!updated) {
            return;
          }
          try {
            HostedRepositories.headToExistingBranch(db);
          } catch (IOException e) {
            LOG.warnf(e, "could not point HEAD of %s at a pushed branch", name);
          }
          LOG.infof("push to hosted repository %s by %s", name, pusher);
          onPush.accept(new HostedPush(name));
        });
    return pack;
  }
}
