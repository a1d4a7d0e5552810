package org.madang.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.support.RequestContextUtils;

/**
 * Switches the interface language when a request carries {@code ?lang=ko} or {@code ?lang=en}; the locale resolver
 * remembers the choice in a cookie. Other values are ignored rather than turned into a locale we have no texts for.
 */
class LanguageParameterInterceptor implements HandlerInterceptor {

  static final String PARAMETER = "lang";

  @Override
  public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
    String code = request.getParameter(PARAMETER);
    LocaleResolver localeResolver = RequestContextUtils.getLocaleResolver(request);
    if (code != null && localeResolver != null) {
      Language.findByCode(code).ifPresent(language -> localeResolver.setLocale(request, response, language.locale()));
    }
    return true;
  }
}
