package io.ays.messaging.http;

/** What an error status means for an AYS REST API, for the errors nothing else explained. */
final class StatusDetails {

  private StatusDetails() {}

  static String of(int status, String method) {
    return switch (status) {
      case 400 -> "the request is malformed";
      case 401 ->
          "a valid bearer token is required (missing, expired, or not signed by the trusted"
              + " issuer); docs/security.md";
      case 403 -> "the token's roles do not allow " + method + " here; docs/security.md";
      case 404 -> "nothing is found at this path";
      case 405 -> "this path does not take " + method;
      case 406 -> "this path cannot answer in the media type the Accept header asks for";
      case 413 -> "the request body is too large";
      case 415 -> "this path does not take a body of this Content-Type";
      default -> ProblemDetails.title(status);
    };
  }
}
