package org.madang.catalog.dcat;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.locationtech.jts.geom.Envelope;
import org.madang.catalog.CatalogSearch.Hit;
import org.madang.catalog.Dataset;
import org.madang.catalog.DatasetVersion;
import org.madang.catalog.Organization;
import org.madang.engine.ExportFormat;
import org.madang.engine.SpatialInfo;

/**
 * The catalog as a DCAT-AP {@code dcat:Catalog} in JSON-LD: one {@code dcat:Dataset} per dataset given, with titles
 * and descriptions tagged {@code @ko} and {@code @en}, the publishing organization as {@code foaf:Organization},
 * access rights, licence, update frequency and file types from the EU vocabularies, temporal coverage as a
 * {@code dct:PeriodOfTime}, spatial coverage as a {@code dcat:bbox} WKT literal, and one {@code dcat:Distribution}
 * per download format (plus the OGC API collection of spatial datasets). Literals carry explicit {@code @language}
 * or {@code @type}, so the document means the same to any JSON-LD processor without fetching a remote context.
 */
final class DcatCatalogJsonLd {

  private static final String EU = "http://publications.europa.eu/resource/authority/";
  private static final String IANA = "http://www.iana.org/assignments/media-types/";

  /**
   * The city the catalog serves.
   *
   * @param name its name in its own language
   * @param nameEn its name in English
   * @param bounds its extent, the spatial coverage of datasets that are not located row by row
   */
  record City(String name, String nameEn, Envelope bounds) {}

  private final String baseUrl;
  private final City city;

  DcatCatalogJsonLd(String baseUrl, City city) {
    this.baseUrl = baseUrl;
    this.city = city;
  }

  Map<String, Object> catalog(List<Hit> hits) {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("@context", context());
    c.put("@id", baseUrl + "/catalog.jsonld");
    c.put("@type", "dcat:Catalog");
    c.put("dct:title", texts("마당 " + city.name() + " 열린데이터", "Madang open data of " + city.nameEn()));
    c.put("dct:description", texts(city.name() + "의 부서와 협력기관이 공개하는 데이터 목록",
        "Datasets published by the departments and partners of " + city.nameEn()));
    Map<String, Object> publisher = new LinkedHashMap<>();
    publisher.put("@id", baseUrl + "/#publisher");
    publisher.put("@type", "foaf:Organization");
    publisher.put("foaf:name", texts(city.name(), city.nameEn()));
    c.put("dct:publisher", publisher);
    c.put("dct:language", List.of(id(EU + "language/KOR"), id(EU + "language/ENG")));
    c.put("foaf:homepage", id(baseUrl + "/"));
    hits.stream().map(h -> h.dataset().updatedAt()).filter(Objects::nonNull).max(OffsetDateTime::compareTo)
        .ifPresent(t -> c.put("dct:modified", typed(t.toString(), "xsd:dateTime")));
    c.put("dcat:dataset", hits.stream().map(h -> dataset(h.dataset(), h.current())).toList());
    return c;
  }

  private static Map<String, Object> context() {
    Map<String, Object> context = new LinkedHashMap<>();
    context.put("dcat", "http://www.w3.org/ns/dcat#");
    context.put("dct", "http://purl.org/dc/terms/");
    context.put("foaf", "http://xmlns.com/foaf/0.1/");
    context.put("gsp", "http://www.opengis.net/ont/geosparql#");
    context.put("owl", "http://www.w3.org/2002/07/owl#");
    context.put("rdfs", "http://www.w3.org/2000/01/rdf-schema#");
    context.put("skos", "http://www.w3.org/2004/02/skos/core#");
    context.put("xsd", "http://www.w3.org/2001/XMLSchema#");
    return context;
  }

  private Map<String, Object> dataset(Dataset d, DatasetVersion current) {
    String page = baseUrl + "/datasets/" + d.name();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("@id", page);
    m.put("@type", "dcat:Dataset");
    m.put("dct:identifier", d.name());
    m.put("dct:title", texts(d.titleKo(), d.titleEn()));
    List<Map<String, Object>> description = texts(d.descriptionKo(), d.descriptionEn());
    if (!description.isEmpty()) {
      m.put("dct:description", description);
    }
    if (!d.tags().isEmpty()) {
      m.put("dcat:keyword", d.tags());
    }
    m.put("dct:publisher", publisher(d.organization()));
    Map<String, Object> license = license(d.license());
    if (license != null) {
      m.put("dct:license", license);
    }
    m.put("dct:accessRights", id(EU + "access-right/" + switch (d.access()) {
      case PUBLIC -> "PUBLIC";
      case REGISTERED -> "RESTRICTED";
      case RESTRICTED -> "NON_PUBLIC";
    }));
    Map<String, Object> temporal = temporal(d.temporalStart(), d.temporalEnd());
    if (temporal != null) {
      m.put("dct:temporal", temporal);
    }
    m.put("dct:spatial", spatial(d, current));
    m.put("dct:accrualPeriodicity", id(EU + "frequency/" + frequency(d.updateFrequency())));
    m.put("dcat:landingPage", id(page));
    if (d.createdAt() != null) {
      m.put("dct:issued", typed(d.createdAt().toString(), "xsd:dateTime"));
    }
    if (d.updatedAt() != null) {
      m.put("dct:modified", typed(d.updatedAt().toString(), "xsd:dateTime"));
    }
    if (current != null) {
      m.put("owl:versionInfo", String.valueOf(current.version()));
    }
    m.put("dcat:distribution", distributions(d, current, license));
    return m;
  }

  private Map<String, Object> publisher(Organization o) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("@id", baseUrl + "/organizations/" + o.name());
    p.put("@type", "foaf:Organization");
    p.put("foaf:name", texts(o.titleKo(), o.titleEn()));
    return p;
  }

  private List<Map<String, Object>> distributions(Dataset d, DatasetVersion current, Map<String, Object> license) {
    List<Map<String, Object>> out = new ArrayList<>();
    if (current == null) {
      return out;
    }
    List<ExportFormat> formats = current.spatial() == null
        ? List.of(ExportFormat.CSV, ExportFormat.PARQUET)
        : List.of(ExportFormat.CSV, ExportFormat.GEOJSON, ExportFormat.PARQUET);
    for (ExportFormat f : formats) {
      String url = baseUrl + "/api/datasets/" + d.name() + "/download?format=" + f.extension();
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("@id", url);
      m.put("@type", "dcat:Distribution");
      String format = switch (f) {
        case CSV -> "CSV";
        case GEOJSON -> "GeoJSON";
        case PARQUET -> "Parquet";
      };
      m.put("dct:title", texts(d.titleKo() + " (" + format + ")", d.titleEn() == null ? null : d.titleEn() + " (" + format + ")"));
      m.put("dcat:accessURL", id(url));
      m.put("dcat:downloadURL", id(url));
      m.put("dcat:mediaType", id(IANA + f.mediaType()));
      m.put("dct:format", id(EU + "file-type/" + f.name()));
      if (license != null) {
        m.put("dct:license", license);
      }
      out.add(m);
    }
    if (current.spatial() != null) {
      String collection = baseUrl + "/ogc/collections/" + d.name();
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("@id", collection);
      m.put("@type", "dcat:Distribution");
      m.put("dct:title", texts(d.titleKo() + " (OGC API - Features)", d.titleEn() == null ? null : d.titleEn() + " (OGC API - Features)"));
      m.put("dcat:accessURL", id(collection + "/items"));
      m.put("dcat:mediaType", id(IANA + "application/geo+json"));
      m.put("dct:format", id(EU + "file-type/GEOJSON"));
      m.put("dct:conformsTo", id("http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson"));
      if (license != null) {
        m.put("dct:license", license);
      }
      out.add(m);
    }
    return out;
  }

  private static Map<String, Object> temporal(LocalDate start, LocalDate end) {
    if (start == null && end == null) {
      return null;
    }
    Map<String, Object> t = new LinkedHashMap<>();
    t.put("@type", "dct:PeriodOfTime");
    if (start != null) {
      t.put("dcat:startDate", typed(start.toString(), "xsd:date"));
    }
    if (end != null) {
      t.put("dcat:endDate", typed(end.toString(), "xsd:date"));
    }
    return t;
  }

  /** The located rows' extent when the version has one, else the city's (every dataset covers the city). */
  private Map<String, Object> spatial(Dataset d, DatasetVersion current) {
    SpatialInfo s = current == null ? null : current.spatial();
    double minX = city.bounds().getMinX();
    double minY = city.bounds().getMinY();
    double maxX = city.bounds().getMaxX();
    double maxY = city.bounds().getMaxY();
    if (s != null && !Double.isNaN(s.minLon()) && !Double.isNaN(s.minLat()) && !Double.isNaN(s.maxLon()) && !Double.isNaN(s.maxLat())) {
      minX = s.minLon();
      minY = s.minLat();
      maxX = s.maxLon();
      maxY = s.maxLat();
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("@type", "dct:Location");
    m.put("dcat:bbox", typed(wkt(minX, minY, maxX, maxY), "gsp:wktLiteral"));
    String label = d.spatialCoverage() == null ? city.name() : d.spatialCoverage();
    m.put("skos:prefLabel", label);
    return m;
  }

  static String wkt(double minX, double minY, double maxX, double maxY) {
    if (minX == maxX && minY == maxY) {
      return "POINT(" + minX + " " + minY + ")";
    }
    return "POLYGON((" + minX + " " + minY + ", " + maxX + " " + minY + ", " + maxX + " " + maxY + ", " + minX + " " + maxY + ", "
        + minX + " " + minY + "))";
  }

  /** Known licences by their canonical IRI, others as a licence document with the text as its label. */
  static Map<String, Object> license(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    Map<String, Object> m = new LinkedHashMap<>();
    String t = text.toLowerCase(Locale.ROOT);
    if (t.contains("공공누리 제1유형") || t.contains("open government license type 1")) {
      m.put("@id", "https://www.kogl.or.kr/info/licenseType1.do");
    } else if (t.startsWith("apache-2.0") || t.startsWith("apache license 2.0")) {
      m.put("@id", "http://www.apache.org/licenses/LICENSE-2.0");
    }
    m.put("@type", "dct:LicenseDocument");
    m.put("rdfs:label", text);
    return m;
  }

  /** The EU frequency vocabulary's code for Madang's update frequency. */
  static String frequency(String updateFrequency) {
    if (updateFrequency == null) {
      return "UNKNOWN";
    }
    return switch (updateFrequency.strip().toLowerCase(Locale.ROOT)) {
      case "daily" -> "DAILY";
      case "weekly" -> "WEEKLY";
      case "monthly" -> "MONTHLY";
      case "quarterly" -> "QUARTERLY";
      case "yearly", "annual", "annually" -> "ANNUAL";
      case "irregular" -> "IRREG";
      case "continuous", "realtime", "real-time" -> "CONT";
      case "never" -> "NEVER";
      default -> "UNKNOWN";
    };
  }

  private static List<Map<String, Object>> texts(String ko, String en) {
    List<Map<String, Object>> out = new ArrayList<>();
    if (ko != null && !ko.isBlank()) {
      out.add(Map.of("@value", ko, "@language", "ko"));
    }
    if (en != null && !en.isBlank()) {
      out.add(Map.of("@value", en, "@language", "en"));
    }
    return out;
  }

  private static Map<String, Object> typed(String value, String type) {
    return Map.of("@value", value, "@type", type);
  }

  private static Map<String, Object> id(String iri) {
    return Map.of("@id", iri);
  }
}
