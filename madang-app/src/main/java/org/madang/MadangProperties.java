package org.madang;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.io.Resource;
import org.springframework.util.unit.DataSize;

/**
 * Madang's own settings, under {@code madang.*} in application.yml (each key is documented there).
 *
 * @param dataDir where DuckDB, H2 and staging files live
 * @param demo load the demo city on first start
 * @param adminPassword the first admin's password; generated and printed once when empty
 */
@ConfigurationProperties("madang")
public record MadangProperties(
    @DefaultValue("./madang-data") Path dataDir,
    @DefaultValue("true") boolean demo,
    String adminPassword,
    City city,
    Ingest ingest,
    Engine engine,
    Analyses analyses,
    Spark spark,
    Feeds feeds,
    Indicators indicators,
    Office office,
    Campus campus,
    Cctv cctv,
    Directives directives,
    Calls calls) {

  /** The city the platform serves: its district boundaries and names. */
  public record City(
      Resource boundaries,
      @DefaultValue("SIG_CD") String codeProperty,
      @DefaultValue("SIG_KOR_NM") String nameProperty,
      @DefaultValue("SIG_ENG_NM") String nameEnProperty,
      @DefaultValue("서울특별시") String name,
      @DefaultValue("Seoul") String nameEn) {}

  /** Limits and enrichment of uploads. */
  public record Ingest(
      @DefaultValue("512MB") DataSize maxUploadBytes,
      @DefaultValue("1024") int maxColumns,
      @DefaultValue("9") int h3Resolution) {}

  /** DuckDB settings. */
  public record Engine(@DefaultValue("2GB") String memoryLimit, @DefaultValue("0") int threads) {}

  /**
   * Background analyses ({@code POST /api/analyses/{kind}}).
   *
   * @param workers analyses that run at the same time
   * @param queue analyses that may wait for a worker; more are refused with 503 until some finish
   * @param demo run the Seoul demo's analyses after the demo datasets load
   */
  public record Analyses(@DefaultValue("2") int workers, @DefaultValue("16") int queue, @DefaultValue("true") boolean demo) {}

  /**
   * Analyses run on Apache Spark ({@code "engine": "spark"}; see {@code docs/SCALING.md}).
   *
   * @param master the Spark master jobs run on: {@code local[2]}, {@code spark://host:7077}, {@code yarn}, {@code k8s://...}
   * @param home the folder holding {@code madang-spark.jar} and {@code spark-classpath/}; empty = madang-spark/target
   *     beside the working directory or the application jar, as the build leaves it
   * @param sparkSubmit a Spark distribution's {@code spark-submit}; when set, jobs are submitted through it instead of
   *     being started as a plain JVM with the jars of {@code home}
   * @param driverMemory the driver JVM's heap ({@code -Xmx} / {@code --driver-memory})
   * @param workDir where inputs are exported as Parquet and results written; empty = {@code spark/} under the data dir
   *     (on a real cluster, a folder on storage both the platform and the cluster see)
   */
  public record Spark(
      @DefaultValue("local[2]") String master,
      @DefaultValue("") String home,
      @DefaultValue("") String sparkSubmit,
      @DefaultValue("2g") String driverMemory,
      @DefaultValue("") String workDir) {}

  /** Real-time feeds and the connectors that bring their observations in. */
  public record Feeds(Mqtt mqtt, Pollers pollers, Simulator simulator, Intake intake, Stream stream) {

    /**
     * What every connector's observations go through ({@code FeedService}) and HTTP push.
     *
     * @param maxBatch observations one intake call or HTTP push may carry
     * @param maxPayloadBytes HTTP push bodies larger than this are refused whole (413)
     * @param maxFuture observations timed further ahead than this are refused (clock skew allowance)
     * @param horizon observations older than this are refused
     * @param quarantineLimit refused records kept per feed for stewards; older ones are removed
     * @param zone the city's time zone: history buckets of a day start at its midnight
     */
    public record Intake(
        @DefaultValue("1000") int maxBatch,
        @DefaultValue("1MB") DataSize maxPayloadBytes,
        @DefaultValue("5m") Duration maxFuture,
        @DefaultValue("7d") Duration horizon,
        @DefaultValue("10000") int quarantineLimit,
        @DefaultValue("Asia/Seoul") java.time.ZoneId zone) {}

    /**
     * Live push over Server-Sent Events.
     *
     * @param history events kept per stream for clients resuming with Last-Event-ID
     * @param clientBuffer events waiting for one client at most; a client that falls further behind is dropped
     * @param heartbeat time between two keep-alive comments
     */
    public record Stream(
        @DefaultValue("10000") int history,
        @DefaultValue("1000") int clientBuffer,
        @DefaultValue("15s") Duration heartbeat) {}

    /**
     * The MQTT connector ({@code serve --mqtt tcp://HOST:PORT}); off while {@code url} is empty.
     *
     * @param url the broker, e.g. {@code tcp://127.0.0.1:1883}
     * @param topic the subscription; the last topic level names the feed
     * @param clientId the client id of the persistent session; fixed, so the broker keeps messages while Madang is down
     * @param maxPayloadBytes messages larger than this are refused whole
     * @param queue observations received but not yet stored; when full, the connector stops reading from the broker
     * @param batch observations stored per intake call (messages are grouped up to this many)
     * @param maxReconnectDelay the longest wait between attempts to reach the broker
     */
    public record Mqtt(
        String url,
        @DefaultValue("madang/obs/+") String topic,
        @DefaultValue("madang") String clientId,
        @DefaultValue("1MB") DataSize maxPayloadBytes,
        @DefaultValue("100000") int queue,
        @DefaultValue("1000") int batch,
        @DefaultValue("30s") Duration maxReconnectDelay) {}

    /**
     * Pollers of the Seoul Open API (RealtimeCityAir, citydata, TrafficInfo).
     *
     * @param areas citydata hot-spot names (AREA_NM), e.g. 광화문·덕수궁
     * @param links TOPIS road link ids (LINK_ID) whose speed TrafficInfo is asked for
     */
    public record Pollers(
        @DefaultValue("false") boolean enabled,
        @DefaultValue("http://openapi.seoul.go.kr:8088") String baseUrl,
        String key,
        @DefaultValue("5m") Duration interval,
        @DefaultValue("10s") Duration timeout,
        List<String> areas,
        List<String> links) {}

    /**
     * The demo's replay of Seoul's 2019 daily air quality on today's clock.
     *
     * @param speed simulated seconds per real second
     * @param interval real time between two emissions
     */
    public record Simulator(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("3600") double speed,
        @DefaultValue("5s") Duration interval) {}
  }

  /**
   * The master-plan indicators ({@code /api/indicators}).
   *
   * @param recomputeInterval time between two recomputations of the sql and platform indicators (also done at start-up)
   * @param usageFlushInterval time between two writes of the page views, API calls and downloads counted in memory
   * @param zone the city's time zone: the platform's yearly counts start at its 1 January
   */
  public record Indicators(
      @DefaultValue("1h") Duration recomputeInterval,
      @DefaultValue("1m") Duration usageFlushInterval,
      @DefaultValue("Asia/Seoul") java.time.ZoneId zone) {}

  /**
   * The Mayor's Office dashboard ({@code /office}) and the citizens' view ({@code /public}).
   *
   * @param airFeed the feed whose PM10 and PM2.5 readings colour the air layer and fill the air status
   * @param crowdingFeed the feed with the crowding level ({@code congestion}) of the city's hot spots
   * @param trafficFeed the feed with road speeds ({@code speed}, km/h)
   * @param wallCycle how long the wall screen ({@code /office?wall=1}) shows each layer before the next
   * @param voiceCommands whether the command bar offers voice input through the browser's Web Speech API (Chrome
   *     sends the audio to Google's speech service); typed commands work either way
   */
  public record Office(
      @DefaultValue("air") String airFeed,
      @DefaultValue("citydata") String crowdingFeed,
      @DefaultValue("road-speed") String trafficFeed,
      @DefaultValue("20s") Duration wallCycle,
      @DefaultValue("true") boolean voiceCommands,
      News news) {

    /**
     * City news on the dashboard, read from RSS and Atom feeds.
     *
     * @param feeds feed addresses; a path such as {@code /catalog/changes.atom} is read from this server itself
     * @param interval time between two readings of every feed
     * @param timeout connect and read timeout of one feed; a feed that fails is logged and skipped until next time
     * @param maxItems news items kept, newest first, over all feeds
     */
    public record News(
        @DefaultValue("/catalog/changes.atom") List<String> feeds,
        @DefaultValue("10m") Duration interval,
        @DefaultValue("5s") Duration timeout,
        @DefaultValue("30") int maxItems) {}
  }

  /**
   * The Big Data Campus: projects and the SQL sandbox ({@code POST /api/sql}).
   *
   * @param expiryCheck time between two runs of the job that opens projects whose start date came and expires those past their end date
   * @param zone the city's time zone: a project's start and end dates are days there
   */
  public record Campus(@DefaultValue("1h") Duration expiryCheck, @DefaultValue("Asia/Seoul") java.time.ZoneId zone, Sandbox sandbox, Disclosure disclosure) {

    /**
     * The automatic check of output requests (statistical disclosure control).
     *
     * @param threshold a cell computed from fewer records than this is suppressed
     * @param dominanceLargestShare a sum is dominated when its largest contribution is more than this share of it
     * @param dominanceTwoLargestShare ... or its two largest together are more than this share
     * @param identifierShare a dimension with more distinct values than this share of the records identifies them
     */
    public record Disclosure(
        @DefaultValue("10") int threshold,
        @DefaultValue("0.5") double dominanceLargestShare,
        @DefaultValue("0.85") double dominanceTwoLargestShare,
        @DefaultValue("0.5") double identifierShare) {}

    /**
     * Limits of sandboxed SQL, the same for every caller. Memory is DuckDB's one limit for the whole warehouse
     * ({@code madang.engine.memory-limit}); a query that reaches it fails alone with EXCEEDED_MEMORY_LIMIT.
     *
     * @param timeout a query running longer is cancelled and its caller told so
     * @param maxRows rows one query returns at most; longer results are cut and marked truncated
     * @param maxSqlBytes SQL text larger than this is refused (400) before parsing
     * @param perUser queries one user may run at once; more are refused with 429
     * @param concurrent queries running at once in all; more wait up to queue-wait, then get 503
     * @param queueWait how long a query waits for a free slot
     */
    public record Sandbox(
        @DefaultValue("30s") Duration timeout,
        @DefaultValue("10000") int maxRows,
        @DefaultValue("1MB") DataSize maxSqlBytes,
        @DefaultValue("2") int perUser,
        @DefaultValue("4") int concurrent,
        @DefaultValue("30s") Duration queueWait) {}
  }

  /**
   * Integrated CCTV ({@code /api/cctv}): health checks of the cameras' streams, the proxy that keeps stream addresses
   * from browsers, and who may see what.
   *
   * @param checkInterval time between two health checks of every camera
   * @param staleAfter a camera whose newest frame is older than this is stale
   * @param publicLocations the citizens' view shows where cameras are (never their video)
   * @param allowedPrivateNetworks CIDR blocks of private, loopback or link-local addresses the server may still request
   *     (a city's camera network, say); every other such address is refused (SSRF guard)
   * @param linkSecret HMAC key of the signed video links; when empty a random one is made at each start
   * @param linkExpiry how long a signed video link works
   * @param connectTimeout connect timeout of one request to a camera
   * @param readTimeout the longest wait for the next bytes from a camera
   * @param maxSnapshotBytes a snapshot (or MJPEG frame) larger than this is refused
   * @param maxPlaylistBytes an HLS playlist larger than this is refused
   * @param maxSegmentBytes an HLS segment larger than this is cut off
   * @param maxStreamDuration an MJPEG stream proxied to one viewer ends after this long (the page asks again)
   * @param maxRedirects redirects followed per request, each checked by the SSRF guard again
   * @param demoRatio the demo draws one synthetic camera per this many real ones of a district
   * @param alertCameras cameras shown beside a new alert
   */
  public record Cctv(
      @DefaultValue("60s") Duration checkInterval,
      @DefaultValue("2m") Duration staleAfter,
      @DefaultValue("false") boolean publicLocations,
      @DefaultValue List<String> allowedPrivateNetworks,
      String linkSecret,
      @DefaultValue("120s") Duration linkExpiry,
      @DefaultValue("3s") Duration connectTimeout,
      @DefaultValue("5s") Duration readTimeout,
      @DefaultValue("5MB") DataSize maxSnapshotBytes,
      @DefaultValue("1MB") DataSize maxPlaylistBytes,
      @DefaultValue("20MB") DataSize maxSegmentBytes,
      @DefaultValue("10m") Duration maxStreamDuration,
      @DefaultValue("3") int maxRedirects,
      @DefaultValue("100") int demoRatio,
      @DefaultValue("4") int alertCameras) {}

  /**
   * Directives to departments ({@code org.madang.directives}).
   *
   * @param publicStatuses statuses in which a directive marked as a public matter is shown in the citizens' view
   * @param overdueCheck time between two runs of the job that marks directives past their due time as overdue
   * @param maxAttachmentBytes largest photo or file attached to a directive
   * @param attachmentTypes content types accepted as attachments (the file's first bytes must match the type)
   * @param mailFrom sender of the e-mails to departments; e-mail goes out only when {@code spring.mail.host} is set
   * @param linkBase the platform's address as people reach it, for the links in e-mails
   * @param demoContacts give the demo city's departments their (example) contacts on first start
   */
  public record Directives(
      @DefaultValue("done") List<String> publicStatuses,
      @DefaultValue("1m") Duration overdueCheck,
      @DefaultValue("5MB") DataSize maxAttachmentBytes,
      @DefaultValue({"image/jpeg", "image/png", "application/pdf"}) List<String> attachmentTypes,
      @DefaultValue("madang-noreply@madang.example") String mailFrom,
      @DefaultValue("http://localhost:8080") String linkBase,
      @DefaultValue("true") boolean demoContacts) {}

  /**
   * Video calls between browsers (WebRTC), signalled through the platform.
   *
   * @param iceServers STUN/TURN server URLs handed to browsers ({@code stun:host:3478}, {@code turn:host:3478}); empty:
   *     host candidates only, which works on one network and on loopback
   * @param iceUsername user name for the TURN servers, or empty
   * @param iceCredential credential for the TURN servers, or empty
   */
  public record Calls(@DefaultValue("") List<String> iceServers, @DefaultValue("") String iceUsername, @DefaultValue("") String iceCredential) {}
}
