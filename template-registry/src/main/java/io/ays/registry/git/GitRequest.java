package io.ays.registry.git;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * What a smart-HTTP git request asks for: which repository (the path under {@code /git/} without
 * the service suffix), whether it writes (a push) or only reads (clone, fetch), and, for the first
 * request of either ({@code info/refs?service=...}), the service it announces.
 */
record GitRequest(String repositoryPath, boolean push, String advertisedService) {

  static final String UPLOAD_PACK = "git-upload-pack";
  static final String RECEIVE_PACK = "git-receive-pack";
  private static final String INFO_REFS = "/info/refs";

  private static final List<String> SUFFIXES =
      List.of(INFO_REFS, "/" + UPLOAD_PACK, "/" + RECEIVE_PACK);

  static GitRequest of(HttpServletRequest request) {
    return of(request.getPathInfo(), service(request.getQueryString()));
  }

  /**
   * The {@code service} parameter, read from the query string only: asking the servlet request for
   * a parameter may read the body, which a push needs untouched.
   */
  private static String service(String query) {
    if (query == null) {
      return null;
    }
    for (String pair : query.split("&")) {
      if (pair.startsWith("service=")) {
        return URLDecoder.decode(pair.substring("service=".length()), StandardCharsets.UTF_8);
      }
    }
    return null;
  }

  /**
   * @param pathInfo the path under the servlet's {@code /git} prefix, e.g. {@code
   *     /binary/pkg.git/info/refs}
   * @param service the {@code service} query parameter of an {@code info/refs} request
   */
  static GitRequest of(String pathInfo, String service) {
    String path = pathInfo == null ? "" : pathInfo;
    if (path.startsWith("/")) {
      path = path.substring(1);
    }
    boolean push = path.endsWith("/" + RECEIVE_PACK);
    String advertised = null;
    for (String suffix : SUFFIXES) {
      if (path.endsWith(suffix)) {
        if (suffix.equals(INFO_REFS)) {
          push = RECEIVE_PACK.equals(service);
          advertised = RECEIVE_PACK.equals(service) || UPLOAD_PACK.equals(service) ? service : null;
        }
        path = path.substring(0, path.length() - suffix.length());
        break;
      }
    }
    return new GitRequest(path, push, advertised);
  }
}
