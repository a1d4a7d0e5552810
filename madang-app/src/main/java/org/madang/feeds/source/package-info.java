/**
 * The connectors that bring observations into the feeds, each delivering through {@link
 * org.madang.feeds.ObservationIntake} and acknowledging its source only after the intake returned (stored durably):
 * <ul>
 *   <li>{@code MqttObservationSubscriber}: topic {@code madang/obs/{feed}} at QoS 1 in a persistent session with manual
 *       acknowledgement; {@code MqttIntakeWriter} groups queued messages into one intake call per feed;
 *   <li>{@code RealtimeCityAirPoller}, {@code CitydataPoller}, {@code TrafficInfoPoller}: the Seoul Open API services,
 *       polled on a schedule of their own ({@code SeoulOpenApiPollers});
 *   <li>{@code SeoulAirReplay}: the demo's feed {@code air}, Seoul's 2019 daily air quality replayed on today's clock.
 * </ul>
 */
package org.madang.feeds.source;
