package org.madang.directives.call;

import java.util.Map;
import org.madang.accounts.Viewer;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.server.HandshakeInterceptor;
import org.springframework.web.socket.server.standard.ServletServerContainerFactoryBean;

/**
 * Mounts the signaling server at {@code /calls/signal}. The handshake is an ordinary request of the signed-in
 * session (the page chain of the security configuration, which sends anonymous requests to sign in): the viewer is
 * taken from it then and kept with the socket; a handshake without a signed-in viewer is refused with 403. Only pages
 * of this origin may open the socket (Spring's default).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
@EnableWebSocket
class CallConfiguration implements WebSocketConfigurer {

  static final String VIEWER = "madang.viewer";

  private final CallSignaling signaling;

  CallConfiguration(CallSignaling signaling) {
    this.signaling = signaling;
  }

  @Override
  public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
    registry.addHandler(signaling, "/calls/signal").addInterceptors(new SignedInViewer());
  }

  /** SDP offers with video run to several kilobytes; 64 KB leaves room without inviting floods. */
  @Bean
  ServletServerContainerFactoryBean webSocketContainer() {
    ServletServerContainerFactoryBean container = new ServletServerContainerFactoryBean();
    container.setMaxTextMessageBufferSize(64 * 1024);
    container.setMaxSessionIdleTimeout(30L * 60 * 1000);
    return container;
  }

  private static final class SignedInViewer implements HandshakeInterceptor {

    @Override
    public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler, Map<String, Object> attributes) {
      Viewer viewer = Viewer.current();
      if (!viewer.isSignedIn()) {
        response.setStatusCode(HttpStatus.FORBIDDEN);
        return false;
      }
      attributes.put(VIEWER, viewer);
      return true;
    }

    @Override
    public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler, Exception exception) {
      // nothing to undo
    }
  }
}
