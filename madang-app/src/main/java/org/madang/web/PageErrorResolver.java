package org.madang.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.core.Ordered;
import org.springframework.http.MediaType;
import org.springframework.web.ErrorResponse;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;

/**
 * Sends browsers the HTML error page (templates/error/*.html, in the layout and their language) for Spring MVC's own
 * errors on page URLs, such as an address nothing answers (404) or a wrong method (405). Without it, Boot's
 * problem-details handler would answer a browser with JSON. Machine URLs ({@code /api}, {@code /ogc}, DCAT,
 * actuator) and clients that do not ask for HTML are left to the next resolvers (problem+json).
 */
class PageErrorResolver implements HandlerExceptionResolver, Ordered {

  private static final List<String> MACHINE_PATHS = List.of("/api/", "/ogc", "/catalog.jsonld", "/actuator");

  @Override
  public ModelAndView resolveException(HttpServletRequest request, HttpServletResponse response, Object handler, Exception exception) {
    if (!(exception instanceof ErrorResponse error) || !wantsPage(request) || response.isCommitted()) {
      return null;
    }
    try {
      // the container forwards to /error, where the error page is rendered like any page (layout, language, viewer)
      response.sendError(error.getStatusCode().value());
      return new ModelAndView();
    } catch (IOException e) {
      return null;
    }
  }

  static boolean wantsPage(HttpServletRequest request) {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    if (MACHINE_PATHS.stream().anyMatch(path::startsWith)) {
      return false;
    }
    String accept = request.getHeader("Accept");
    if (accept == null) {
      return false;
    }
    try {
      return MediaType.parseMediaTypes(accept).stream().anyMatch(m -> m.getType().equals("text") && m.getSubtype().equals("html"));
    } catch (org.springframework.util.InvalidMimeTypeException e) {
      return false;
    }
  }

  @Override
  public int getOrder() {
    return Ordered.HIGHEST_PRECEDENCE;
  }
}
