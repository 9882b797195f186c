package io.ays.messaging.http;

import io.quarkus.security.AuthenticationFailedException;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * A bearer token that fails verification (expired, signed by another key, not a JWT) is refused
 * before any REST resource runs, so {@link ProblemResponseFilter} never sees it: this failure
 * handler answers it with the same 401 problem details body and the {@code Bearer} challenge.
 */
@ApplicationScoped
public class AuthenticationFailureProblems {

  void install(@Observes Router router) {
    router.route().order(Integer.MIN_VALUE).failureHandler(this::answer);
  }

  private void answer(RoutingContext context) {
    if (!(context.failure() instanceof AuthenticationFailedException)
        || context.response().headWritten()) {
      context.next();
      return;
    }
    ProblemDetails problem =
        ProblemDetails.of(401, StatusDetails.of(401, context.request().method().name()))
            .at(context.request().path());
    context
        .response()
        .setStatusCode(401)
        .putHeader("WWW-Authenticate", "Bearer")
        .putHeader("Content-Type", ProblemDetails.MEDIA_TYPE)
        .end(Json.encode(problem.members()));
  }
}
