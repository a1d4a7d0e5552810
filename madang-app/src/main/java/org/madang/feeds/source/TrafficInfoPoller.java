package org.madang.feeds.source;

import java.io.IOException;
import java.io.StringReader;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.madang.feeds.Observation;
import org.madang.feeds.ObservationIntake;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * {@code TrafficInfo} (서울시 실시간 도로 소통 정보, TOPIS), one request per configured road link, into the feed
 * {@value CitydataResponse#ROAD_FEED}: station LINK_ID, values speed (PRCS_SPD, km/h) and travel_time_s (PRCS_TRV_TIME).
 * Asked for as XML, the form the service is known to answer with lower-case element names ({@code link_id},
 * {@code prcs_spd}); element names are read case-insensitively. The answer carries no time, so the observation is stamped
 * with the poll's minute. A link has no place in this service: the intake knows it once the citydata poller (links
 * around the hot spots, with their places) or a publisher with lat/lon has reported it.
 */
final class TrafficInfoPoller extends SeoulOpenApiPoller {

  static final String SERVICE = "TrafficInfo";
  private final List<String> links;

  TrafficInfoPoller(SeoulOpenApi api, ObservationIntake intake, Clock clock, List<String> links) {
    super(SERVICE, api, intake, clock);
    this.links = List.copyOf(links);
  }

  @Override
  List<Request> requests() {
    return links.stream().map(l -> new Request("xml", 1, 5, List.of(l))).toList();
  }

  @Override
  Map<String, List<Observation>> read(String body, Request request) throws SeoulOpenApi.Failure {
    OffsetDateTime polledAt = OffsetDateTime.now(clock).withOffsetSameInstant(RealtimeCityAirPoller.KST).truncatedTo(ChronoUnit.MINUTES);
    return Map.of(CitydataResponse.ROAD_FEED, observations(body, polledAt));
  }

  static List<Observation> observations(String body, OffsetDateTime polledAt) throws SeoulOpenApi.Failure {
    Element root = parse(body).getDocumentElement();
    Element result = child(root, "RESULT");
    if (result == null && root.getTagName().equalsIgnoreCase("RESULT")) {
      result = root;
    }
    String code = result == null ? null : childText(result, "CODE");
    if (code == null) {
      throw new SeoulOpenApi.Failure("GARBAGE", SERVICE + " answered without a RESULT code");
    }
    if (!code.equals("INFO-000")) {
      String message = childText(result, "MESSAGE");
      throw new SeoulOpenApi.Failure(code, SERVICE + " answered " + code + (message == null ? "" : " " + message));
    }
    List<Observation> out = new ArrayList<>();
    for (Node n = root.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element row && row.getTagName().equalsIgnoreCase("row")) {
        String link = childText(row, "LINK_ID");
        Double speed = decimal(childText(row, "PRCS_SPD"));
        Double travel = decimal(childText(row, "PRCS_TRV_TIME"));
        if (link == null || speed == null) {
          continue;
        }
        Map<String, Double> values = new LinkedHashMap<>();
        values.put("speed", speed);
        if (travel != null) {
          values.put("travel_time_s", travel);
        }
        out.add(new Observation(link, polledAt, null, null, values, Map.of()));
      }
    }
    return out;
  }

  private static Document parse(String body) throws SeoulOpenApi.Failure {
    try {
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      // an answer is data, never a reason to fetch something: no DTDs, no external entities
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      f.setExpandEntityReferences(false);
      DocumentBuilder b = f.newDocumentBuilder();
      b.setErrorHandler(new DefaultHandler());
      return b.parse(new InputSource(new StringReader(body)));
    } catch (SAXException | IOException e) {
      throw new SeoulOpenApi.Failure("GARBAGE", SERVICE + " answered something that is not XML: " + e.getMessage(), e);
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Element child(Element parent, String name) {
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && e.getTagName().toUpperCase(Locale.ROOT).equals(name)) {
        return e;
      }
    }
    return null;
  }

  private static String childText(Element parent, String name) {
    Element e = child(parent, name);
    if (e == null) {
      return null;
    }
    String s = e.getTextContent().strip();
    return s.isEmpty() ? null : s;
  }

  private static Double decimal(String s) {
    if (s == null) {
      return null;
    }
    try {
      double d = Double.parseDouble(s);
      return Double.isFinite(d) ? d : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
