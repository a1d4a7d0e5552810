package org.madang.feeds.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.madang.feeds.Observation;

/**
 * A broker restart, on a Mosquitto of the test's own (a free port, its own configuration, no persistence, so the
 * restarted broker has forgotten the session and the subscription): the connector reconnects and subscribes again.
 */
class MqttBrokerRestartTest {

  @TempDir Path dir;

  @Test
  void afterABrokerRestartTheConnectorReconnectsSubscribesAgainAndReceives() throws Exception {
    Files.createDirectories(dir.resolve("broker"));
    try (PrivateMosquitto broker = new PrivateMosquitto(dir.resolve("broker"))) {
      RecordingIntake intake = new RecordingIntake();
      MqttObservationSubscriber subscriber = new MqttObservationSubscriber(
          MqttObservationSubscriberTest.settings(broker.url(), "madang/obs/+", "madang-restart"), dir.resolve("mqtt"), intake, intake);
      subscriber.start();
      try {
        await().atMost(Duration.ofSeconds(20)).until(() -> subscriber.subscriptions() == 1);
        publish(broker, MqttObservationSubscriberTest.reading("before", 1));
        await().atMost(Duration.ofSeconds(20)).until(() -> intake.observations("air").size() == 1);

        broker.stop();
        await().atMost(Duration.ofSeconds(20)).until(() -> !subscriber.isConnected());
        broker.start();

        await().atMost(Duration.ofSeconds(30)).until(() -> subscriber.subscriptions() == 2);
        assertThat(subscriber.connections()).isEqualTo(2);
        publish(broker, MqttObservationSubscriberTest.reading("after", 2));
        await().atMost(Duration.ofSeconds(20)).until(() -> intake.observations("air").size() == 2);
        assertThat(intake.observations("air")).extracting(Observation::station).containsExactly("before", "after");
      } finally {
        subscriber.stop();
      }
    }
  }

  private static void publish(PrivateMosquitto broker, String json) throws Exception {
    MqttClient publisher = new MqttClient(broker.url(), "restart-publisher", new MemoryPersistence());
    publisher.connect();
    publisher.publish("madang/obs/air", json.getBytes(StandardCharsets.UTF_8), 1, false);
    publisher.disconnect();
    publisher.close();
  }
}
