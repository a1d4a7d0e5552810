package org.madang.feeds.source;

import java.time.Clock;
import java.util.List;
import org.madang.MadangProperties;
import org.madang.engine.MadangException;
import org.madang.feeds.FeedService;
import org.madang.feeds.ObservationIntake;
import org.madang.feeds.ObservationIntake.Rejection;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The connectors a running server starts, each only when switched on: MQTT when {@code madang.feeds.mqtt.url} is set,
 * the Seoul Open API pollers when {@code madang.feeds.pollers.enabled}, the air-quality replay with the demo. Commands
 * that open the data dir without a web server (ingest, query) start none of them.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class FeedSourceConfiguration {

  @Bean
  @ConditionalOnExpression("!'${madang.feeds.mqtt.url:}'.isBlank()")
  MqttObservationSubscriber mqttObservationSubscriber(MadangProperties properties, FeedService feeds) {
    return new MqttObservationSubscriber(properties.feeds().mqtt(), properties.dataDir().resolve("mqtt"), feeds, quarantineOf(feeds));
  }

  /** Refusals before the intake go to the feed's quarantine, next to the intake's own. */
  static RefusalSink quarantineOf(FeedService feeds) {
    return new RefusalSink() {
      @Override
      public void payloadRefused(String feed, String source, MadangException why) {
        feeds.refusePayload(feed, source, why);
      }

      @Override
      public void recordsRefused(String feed, String source, List<Rejection> rejections) {
        feeds.quarantine(feed, source, rejections);
      }
    };
  }

  @Bean
  @ConditionalOnProperty(name = "madang.feeds.pollers.enabled", havingValue = "true")
  SeoulOpenApiPollers seoulOpenApiPollers(MadangProperties properties, ObservationIntake intake) {
    return new SeoulOpenApiPollers(properties.feeds().pollers(), intake, Clock.systemUTC());
  }

  @Bean
  @ConditionalOnExpression("${madang.demo:true} and ${madang.feeds.simulator.enabled:true}")
  SeoulAirReplay seoulAirReplay(MadangProperties properties, ObservationIntake intake) {
    return new SeoulAirReplay(properties.feeds().simulator(), intake, Clock.systemUTC());
  }
}
