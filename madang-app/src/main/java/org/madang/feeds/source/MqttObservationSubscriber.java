package org.madang.feeds.source;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallbackExtended;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MqttDefaultFilePersistence;
import org.madang.MadangProperties;
import org.madang.engine.ErrorCode;
import org.madang.engine.MadangException;
import org.madang.feeds.ObservationIntake;
import org.madang.feeds.ObservationPayload;
import org.madang.feeds.source.MqttIntakeWriter.Delivery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Takes observations from an MQTT broker. Subscribes the configured topic filter ({@code madang/obs/+}) at QoS 1 in a
 * persistent session (clean session off, a fixed client id, Paho's file persistence under the data dir) with manual
 * acknowledgement: a message is acknowledged only once the intake has stored it, so whatever Madang had not stored when
 * it stopped or crashed comes again from the broker. The feed is the topic's last level. Malformed payloads and records
 * the format refuses are counted, quarantined with their reason and acknowledged, so they do not come back forever. Reconnects with back-off when the broker
 * goes away and subscribes again on every connection (a restarted broker may have lost the session).
 */
final class MqttObservationSubscriber implements MqttCallbackExtended, SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(MqttObservationSubscriber.class);
  private static final long FIRST_RETRY_MILLIS = 1_000;

  private final String url;
  private final String topic;
  private final String clientId;
  private final Path persistenceDir;
  private final long maxReconnectMillis;
  private final ObservationPayload format;
  private final MqttIntakeWriter writer;
  private final AtomicLong received = new AtomicLong();
  private final AtomicLong malformed = new AtomicLong();
  private final AtomicLong formatRejected = new AtomicLong();
  private final AtomicLong connections = new AtomicLong();
  private final AtomicLong subscriptions = new AtomicLong();
  private volatile MqttAsyncClient client;
  private volatile boolean running;
  private ScheduledExecutorService retries;
  private long retryMillis = FIRST_RETRY_MILLIS;

  MqttObservationSubscriber(MadangProperties.Feeds.Mqtt settings, Path persistenceDir, ObservationIntake intake, RefusalSink refusals) {
    this.url = checkedUrl(settings.url());
    if (settings.topic() == null || settings.topic().isBlank() || settings.clientId() == null || settings.clientId().isBlank()) {
      throw new MadangException(ErrorCode.INVALID_ARGUMENT, "madang.feeds.mqtt.topic and madang.feeds.mqtt.client-id must not be empty.");
    }
    if (settings.queue() < 1 || settings.batch() < 1) {
      throw new MadangException(ErrorCode.INVALID_ARGUMENT, "madang.feeds.mqtt.queue and madang.feeds.mqtt.batch must be at least 1.");
    }
    this.topic = settings.topic();
    this.clientId = settings.clientId();
    this.persistenceDir = persistenceDir;
    this.maxReconnectMillis = Math.max(FIRST_RETRY_MILLIS, settings.maxReconnectDelay().toMillis());
    this.format = new ObservationPayload(settings.maxPayloadBytes().toBytes(), ObservationPayload.MAX_RECORDS);
    this.writer = new MqttIntakeWriter(intake, refusals, (id, qos) -> client.messageArrivedComplete(id, qos), settings.queue(),
        settings.batch());
  }

  /** The broker address as Paho wants it, or one sentence on why it is not one. */
  static String checkedUrl(String url) {
    MadangException problem = new MadangException(ErrorCode.INVALID_ARGUMENT,
        "The MQTT broker address (--mqtt, madang.feeds.mqtt.url) must look like tcp://HOST:PORT, not '" + url + "'.");
    if (url == null || url.isBlank()) {
      throw problem;
    }
    try {
      URI uri = URI.create(url.strip());
      if (!List.of("tcp", "ssl", "ws", "wss").contains(String.valueOf(uri.getScheme())) || uri.getHost() == null) {
        throw problem;
      }
      return uri.toString();
    } catch (IllegalArgumentException e) {
      throw problem;
    }
  }

  @Override
  public synchronized void start() {
    if (running) {
      return;
    }
    try {
      client = new MqttAsyncClient(url, clientId, new MqttDefaultFilePersistence(persistenceDir.toString()));
    } catch (MqttException e) {
      throw new IllegalStateException("Cannot set up the MQTT client for " + url + ": " + e.getMessage(), e);
    }
    client.setManualAcks(true);
    client.setCallback(this);
    retries = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "mqtt-connect");
      t.setDaemon(true);
      return t;
    });
    running = true;
    writer.start();
    connect();
  }

  private MqttConnectOptions options() {
    MqttConnectOptions o = new MqttConnectOptions();
    o.setCleanSession(false);
    o.setAutomaticReconnect(true);
    o.setMaxReconnectDelay((int) Math.min(Integer.MAX_VALUE, maxReconnectMillis));
    o.setConnectionTimeout(10);
    o.setKeepAliveInterval(30);
    return o;
  }

  /** The first connection: Paho reconnects by itself only after a connection it once had is lost. */
  private synchronized void connect() {
    if (!running) {
      return;
    }
    try {
      client.connect(options(), null, new IMqttActionListener() {
        @Override
        public void onSuccess(IMqttToken token) {
          retryMillis = FIRST_RETRY_MILLIS;
        }

        @Override
        public void onFailure(IMqttToken token, Throwable e) {
          retryLater(e);
        }
      });
    } catch (MqttException e) {
      retryLater(e);
    }
  }

  private synchronized void retryLater(Throwable e) {
    if (!running) {
      return;
    }
    log.warn("Cannot reach the MQTT broker {} ({}); trying again in {} s", url, e.getMessage(), retryMillis / 1000.0);
    retries.schedule(this::connect, retryMillis, TimeUnit.MILLISECONDS);
    retryMillis = Math.min(retryMillis * 2, maxReconnectMillis);
  }

  @Override
  public void connectComplete(boolean reconnect, String serverUri) {
    connections.incrementAndGet();
    log.info("{} MQTT broker {}; subscribing {} at QoS 1", reconnect ? "Reconnected to the" : "Connected to the", serverUri, topic);
    try {
      client.subscribe(topic, 1, null, new IMqttActionListener() {
        @Override
        public void onSuccess(IMqttToken token) {
          int[] granted = token.getGrantedQos();
          if (granted != null && granted.length > 0 && granted[0] == 0x80) {
            log.error("The MQTT broker {} refused the subscription to {}", serverUri, topic);
          } else {
            subscriptions.incrementAndGet();
          }
        }

        @Override
        public void onFailure(IMqttToken token, Throwable e) {
          log.error("Cannot subscribe {} on the MQTT broker {}: {}", topic, serverUri, e.getMessage());
        }
      });
    } catch (MqttException e) {
      log.error("Cannot subscribe {} on the MQTT broker {}: {}", topic, serverUri, e.getMessage());
    }
  }

  @Override
  public void connectionLost(Throwable cause) {
    log.warn("Lost the MQTT broker {} ({}); reconnecting", url, cause == null ? "no reason given" : cause.getMessage());
  }

  /** Runs on Paho's callback thread: must not throw (Paho would drop the connection) and must not commit. */
  @Override
  public void messageArrived(String messageTopic, MqttMessage message) {
    received.incrementAndGet();
    String feed = messageTopic.substring(messageTopic.lastIndexOf('/') + 1);
    Delivery delivery;
    try {
      if (feed.isEmpty()) {
        throw new MadangException(ErrorCode.INVALID_ARGUMENT, "The topic " + messageTopic + " names no feed.");
      }
      ObservationPayload.Parsed parsed = format.parse(message.getPayload());
      formatRejected.addAndGet(parsed.rejections().size());
      delivery = new Delivery(feed, message.getId(), message.getQos(), parsed.observations(), null, parsed.rejections());
    } catch (MadangException e) {
      malformed.incrementAndGet();
      log.warn("Refused an MQTT message on {} ({} bytes): {}", messageTopic, message.getPayload().length, e.getMessage());
      delivery = new Delivery(feed, message.getId(), message.getQos(), List.of(), e, List.of());
    } catch (RuntimeException e) {
      malformed.incrementAndGet();
      log.warn("Refused an MQTT message on {} ({} bytes)", messageTopic, message.getPayload().length, e);
      delivery = new Delivery(feed, message.getId(), message.getQos(), List.of(),
          new MadangException(ErrorCode.MALFORMED_FILE, "The payload cannot be read: " + e.getMessage()), List.of());
    }
    try {
      writer.enqueue(delivery);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void deliveryComplete(IMqttDeliveryToken token) {
    // this client only subscribes
  }

  @Override
  public void stop() {
    MqttAsyncClient c;
    synchronized (this) {
      if (!running) {
        return;
      }
      running = false;
      retries.shutdownNow();
      c = client;
    }
    writer.stop(10_000);
    try {
      if (c.isConnected()) {
        c.disconnect(5_000).waitForCompletion(5_000);
      }
    } catch (MqttException e) {
      log.debug("MQTT disconnect: {}", e.getMessage());
    }
    close(c);
  }

  /** Drops the connection at once without finishing the batch in hand, as a crash would (for tests). */
  void abandon() {
    MqttAsyncClient c;
    synchronized (this) {
      running = false;
      retries.shutdownNow();
      c = client;
    }
    try {
      c.disconnectForcibly(0, 0, false);
    } catch (MqttException e) {
      log.debug("MQTT forced disconnect: {}", e.getMessage());
    }
    close(c);
    writer.stop(0);
  }

  private static void close(MqttAsyncClient c) {
    try {
      c.close(true);
    } catch (MqttException e) {
      log.debug("MQTT close: {}", e.getMessage());
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  boolean isConnected() {
    MqttAsyncClient c = client;
    return c != null && c.isConnected();
  }

  /** Messages received from the broker, including redeliveries. */
  long received() {
    return received.get();
  }

  /** Messages refused whole (not JSON, too large, too many records, no feed in the topic). */
  long malformed() {
    return malformed.get();
  }

  /** Records refused by the payload format or by the intake. */
  long rejected() {
    return formatRejected.get() + writer.rejected();
  }

  long stored() {
    return writer.stored();
  }

  long acknowledged() {
    return writer.acknowledged();
  }

  int queued() {
    return writer.queued();
  }

  /** Subscriptions the broker granted so far (one per connection). */
  long subscriptions() {
    return subscriptions.get();
  }

  /** Successful connections so far (the first and each reconnect). */
  long connections() {
    return connections.get();
  }
}
