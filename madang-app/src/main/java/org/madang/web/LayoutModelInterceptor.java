package org.madang.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import org.madang.accounts.Viewer;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.view.RedirectView;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Gives every rendered page (error pages included) what the shared layout shows: the viewer ({@code viewer}), the
 * language ({@code lang}, {@code english}) and links to the same page in each language ({@code languageLinks}).
 * Responses without a view (REST, JSON) and redirects are left alone.
 */
class LayoutModelInterceptor implements HandlerInterceptor {

  @Override
  public void postHandle(HttpServletRequest request, HttpServletResponse response, Object handler, ModelAndView modelAndView) {
    if (modelAndView == null || isRedirect(modelAndView)) {
      return;
    }
    Language language = Language.current();
    modelAndView.addObject("viewer", Viewer.current());
    modelAndView.addObject("lang", language.code());
    modelAndView.addObject("english", language.english());
    modelAndView.addObject("languageLinks", languageLinks(request));
  }

  private static boolean isRedirect(ModelAndView modelAndView) {
    String name = modelAndView.getViewName();
    return modelAndView.getView() instanceof RedirectView || (name != null && name.startsWith("redirect:"));
  }

  /** The page the visitor is on (the failed page, on an error page) with {@code lang} set to each language. */
  static Map<String, String> languageLinks(HttpServletRequest request) {
    Object failedPath = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
    String path = failedPath instanceof String s ? s : request.getRequestURI();
    String query = failedPath == null ? request.getQueryString() : null;
    Map<String, String> links = new LinkedHashMap<>();
    for (Language language : Language.values()) {
      links.put(language.code(), UriComponentsBuilder.fromPath(path).query(query)
          .replaceQueryParam(LanguageParameterInterceptor.PARAMETER, language.code()).build().toUriString());
    }
    return links;
  }
}
