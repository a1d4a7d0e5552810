package org.madang.feeds.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.madang.MadangProperties;
import org.madang.engine.MadangException;
import org.madang.feeds.Observation;
import org.springframework.util.unit.DataSize;

/** The MQTT connector against the machine's real Mosquitto on 127.0.0.1:1883, on topics and client ids of its own. */
class MqttObservationSubscriberTest {

  static final String BROKER = "tcp://127.0.0.1:1883";
  static final Duration ARRIVAL = Duration.ofSeconds(20);

  @TempDir Path dir;

  private final String run = UUID.randomUUID().toString().substring(0, 8);
  private final String prefix = "madang-test/" + run + "/obs/";
  private final List<MqttObservationSubscriber> subscribers = new ArrayList<>();
  private final List<String> clientIds = new ArrayList<>();
  private MqttClient publisher;

  @BeforeEach
  void connectPublisher() throws MqttException {
    publisher = new MqttClient(BROKER, "pub-" + run, new MemoryPersistence());
    publisher.connect();
  }

  @AfterEach
  void cleanUp() throws MqttException {
    subscribers.forEach(MqttObservationSubscriber::stop);
    publisher.disconnect();
    publisher.close();
    // end the persistent sessions so the shared broker does not keep queues for topics nobody uses again
    for (String id : clientIds) {
      MqttClient c = new MqttClient(BROKER, id, new MemoryPersistence());
      MqttConnectOptions clean = new MqttConnectOptions();
      clean.setCleanSession(true);
      c.connect(clean);
      c.disconnect();
      c.close();
    }
  }

  @Test
  void observationsPublishedAtQos1AreStoredUnderTheFeedNamedByTheTopicThenAcknowledged() throws Exception {
    RecordingIntake intake = new RecordingIntake();
    MqttObservationSubscriber subscriber = subscribed("one", intake);

    publish("air", """
        {"station": "강남구", "observed_at": "2025-05-01T14:00:00+09:00", "values": {"pm10": 35, "grade": "보통"}}""");
    publish("noise", """
        [{"station": "s-1", "observed_at": "2025-05-01T14:00:00Z", "lat": 37.5, "lon": 127.0, "values": {"db": 61.5}},
         {"station": "s-2", "observed_at": "2025-05-01T14:00:00Z", "lat": 37.6, "lon": 127.1, "values": {"db": 58}},
         {"station": "s-3", "observed_at": "2025-05-01T14:00:00Z", "lat": 37.4, "lon": 126.9, "values": {"db": 70}}]""");

    await().atMost(ARRIVAL).until(() -> subscriber.acknowledged() == 2);
    Observation air = intake.observations("air").get(0);
    assertThat(air.station()).isEqualTo("강남구");
    assertThat(air.observedAt()).isEqualTo(OffsetDateTime.parse("2025-05-01T14:00:00+09:00"));
    assertThat(air.values()).isEqualTo(Map.of("pm10", 35.0));
    assertThat(air.labels()).isEqualTo(Map.of("grade", "보통"));
    assertThat(intake.observations("noise")).extracting(Observation::station).containsExactly("s-1", "s-2", "s-3");
    assertThat(intake.batches()).allSatisfy(b -> assertThat(b.source()).isEqualTo("mqtt"));
    assertThat(subscriber.stored()).isEqualTo(4);
  }

  @Test
  void singleObservationMessagesThatQueueUpAreStoredTogetherInOneIntakeCall() throws Exception {
    RecordingIntake intake = new RecordingIntake();
    MqttObservationSubscriber subscriber = subscribed("batch", intake);
    intake.hold();
    publish("air", reading("first", 0));
    await().atMost(ARRIVAL).until(intake::reached);
    for (int i = 1; i <= 12; i++) {
      publish("air", reading("s-" + i, i));
    }
    // the store is stuck on the first message: the others wait in the queue (Mosquitto sends 20 unacknowledged)
    await().atMost(ARRIVAL).until(() -> subscriber.queued() >= 13);
    intake.release();

    await().atMost(ARRIVAL).until(() -> intake.observations("air").size() == 13);
    assertThat(intake.batches()).hasSize(2);
    assertThat(intake.batches().get(1).observations()).hasSize(12);
  }

  @Test
  void messagesPublishedWhileMadangWasAwayArriveWhenItComesBack() throws Exception {
    RecordingIntake before = new RecordingIntake();
    subscribed("away", before).stop();

    for (int i = 0; i < 5; i++) {
      publish("air", reading("s-" + i, i));
    }

    RecordingIntake after = new RecordingIntake();
    subscribed("away", after);
    await().atMost(ARRIVAL).until(() -> after.observations("air").size() == 5);
    assertThat(after.observations("air")).extracting(Observation::station).containsExactly("s-0", "s-1", "s-2", "s-3", "s-4");
    assertThat(before.batches()).isEmpty();
  }

  @Test
  void aMessageNotYetStoredWhenMadangCrashesComesAgainToTheNextSession() throws Exception {
    RecordingIntake stuck = new RecordingIntake();
    MqttObservationSubscriber crashing = subscribed("crash", stuck);
    stuck.hold();
    publish("air", reading("s-1", 1));
    await().atMost(ARRIVAL).until(stuck::reached);

    crashing.abandon();
    stuck.release();

    RecordingIntake next = new RecordingIntake();
    MqttObservationSubscriber restarted = subscribed("crash", next);
    await().atMost(ARRIVAL).until(() -> next.observations("air").size() == 1);
    assertThat(next.observations("air").get(0).station()).isEqualTo("s-1");
    assertThat(crashing.acknowledged()).isZero();
    await().atMost(ARRIVAL).until(() -> restarted.acknowledged() == 1);
  }

  @Test
  void malformedPayloadsAreCountedAndAcknowledgedSoTheyDoNotComeBack() throws Exception {
    RecordingIntake intake = new RecordingIntake();
    MqttObservationSubscriber first = subscribed("bad", intake);
    publish("air", "{\"station\": \"강남구\", \"observed_at\": ");
    publish("air", "[1, 2]");
    publish("air", reading("good", 1));
    await().atMost(ARRIVAL).until(() -> first.acknowledged() == 3);
    assertThat(first.malformed()).isEqualTo(1);
    assertThat(first.rejected()).isEqualTo(2);
    assertThat(intake.observations("air")).extracting(Observation::station).containsExactly("good");
    assertThat(intake.refusals()).containsExactly(
        "air mqtt: The payload cannot be read at line 1, column 41: it ends before the JSON is closed.",
        "air mqtt: Record 0 is not a JSON object.",
        "air mqtt: Record 1 is not a JSON object.");
    first.stop();

    RecordingIntake again = new RecordingIntake();
    MqttObservationSubscriber second = subscribed("bad", again);
    publish("air", reading("marker", 2));
    // the broker sends unacknowledged messages of a session before new ones: had the bad ones not been
    // acknowledged they would arrive ahead of the marker
    await().atMost(ARRIVAL).until(() -> again.observations("air").size() == 1);
    assertThat(second.received()).isEqualTo(1);
    assertThat(second.malformed()).isZero();
  }

  @Test
  void aBrokerAddressThatIsNotAUrlIsRefusedWithOneSentence() {
    for (String bad : List.of("127.0.0.1:1883", "http://127.0.0.1:1883", "tcp://", " ")) {
      assertThatThrownBy(() -> MqttObservationSubscriber.checkedUrl(bad))
          .isInstanceOf(MadangException.class)
          .hasMessageStartingWith("The MQTT broker address (--mqtt, madang.feeds.mqtt.url) must look like tcp://HOST:PORT");
    }
    assertThat(MqttObservationSubscriber.checkedUrl("tcp://broker.example:1883")).isEqualTo("tcp://broker.example:1883");
  }

  private MqttObservationSubscriber subscribed(String name, RecordingIntake intake) {
    String clientId = "madang-test-" + run + "-" + name;
    if (!clientIds.contains(clientId)) {
      clientIds.add(clientId);
    }
    MqttObservationSubscriber s = new MqttObservationSubscriber(settings(BROKER, prefix + "+", clientId), dir.resolve("mqtt"), intake, intake);
    subscribers.add(s);
    s.start();
    await().atMost(ARRIVAL).until(() -> s.subscriptions() > 0);
    return s;
  }

  static MadangProperties.Feeds.Mqtt settings(String url, String topic, String clientId) {
    return new MadangProperties.Feeds.Mqtt(url, topic, clientId, DataSize.ofMegabytes(1), 10_000, 1_000, Duration.ofSeconds(2));
  }

  static String reading(String station, int minute) {
    return "{\"station\": \"" + station + "\", \"observed_at\": \"2025-05-01T14:" + String.format("%02d", minute)
        + ":00+09:00\", \"values\": {\"pm10\": " + minute + "}}";
  }

  private void publish(String feed, String json) throws MqttException {
    publisher.publish(prefix + feed, json.getBytes(StandardCharsets.UTF_8), 1, false);
  }
}
