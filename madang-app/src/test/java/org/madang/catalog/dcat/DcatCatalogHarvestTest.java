package org.madang.catalog.dcat;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.query.QueryExecution;
import org.apache.jena.query.QuerySolution;
import org.apache.jena.query.ResultSet;
import org.apache.jena.rdf.model.Literal;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.vocabulary.DCAT;
import org.apache.jena.vocabulary.DCTerms;
import org.apache.jena.vocabulary.RDF;
import org.junit.jupiter.api.Test;
import org.madang.ApiClient;
import org.madang.DemoCityTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.ClassPathResource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A harvester reads {@code /catalog.jsonld} with Apache Jena's JSON-LD parser and finds one {@code dcat:Dataset} per
 * dataset it may see, with bilingual titles, publisher, coverage in time and space, and downloadable distributions.
 */
@DemoCityTest
class DcatCatalogHarvestTest {

  static final String RESTRICTED = "senior-nursing-homes-2024";
  static final String COUNT_DATASETS = """
      PREFIX dcat: <http://www.w3.org/ns/dcat#>
      SELECT (COUNT(DISTINCT ?dataset) AS ?n) WHERE { ?catalog a dcat:Catalog ; dcat:dataset ?dataset . ?dataset a dcat:Dataset }
      """;

  @LocalServerPort int port;

  @Test
  void servesJsonLd() {
    HttpResponse<String> response = ApiClient.anonymous(port).get("/catalog.jsonld");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/ld+json");
  }

  @Test
  void anonymousHarvesterFindsEveryDatasetButTheRestrictedOne() throws Exception {
    Model model = harvest(ApiClient.anonymous(port));
    int datasets = count(model);
    assertThat(datasets).isEqualTo(ApiClient.json(ApiClient.anonymous(port).get("/api/datasets?limit=0")).path("total").asInt());
    assertThat(identifiers(model)).containsAll(publicDemoDatasets()).doesNotContain(RESTRICTED);
  }

  @Test
  void adminHarvesterAlsoFindsTheRestrictedDataset() {
    int anonymous = count(harvest(ApiClient.anonymous(port)));
    Model model = harvest(ApiClient.admin(port));
    assertThat(count(model)).isEqualTo(anonymous + 1);
    assertThat(identifiers(model)).contains(RESTRICTED);
  }

  @Test
  void titlesAreLanguageTaggedInKoreanAndEnglish() {
    Model model = harvest(ApiClient.anonymous(port));
    Resource bikes = dataset(model, "bike-stations");
    assertThat(literals(bikes, DCTerms.title)).contains("서울시 공공자전거(따릉이) 대여소 정보@ko", "Public bike (Ttareungyi) stations@en");
    assertThat(literals(bikes, DCTerms.description)).anyMatch(s -> s.endsWith("@ko")).anyMatch(s -> s.endsWith("@en"));
    Resource catalog = model.listResourcesWithProperty(RDF.type, DCAT.Catalog).next();
    assertThat(literals(catalog, DCTerms.title)).anyMatch(s -> s.endsWith("@ko")).anyMatch(s -> s.endsWith("@en"));
  }

  @Test
  void describesPublisherAccessCoverageAndDistributions() {
    Model model = harvest(ApiClient.anonymous(port));
    Resource bikes = dataset(model, "bike-stations");
    Resource publisher = bikes.getPropertyResourceValue(DCTerms.publisher);
    assertThat(publisher.hasProperty(RDF.type, model.createResource("http://xmlns.com/foaf/0.1/Organization"))).isTrue();
    assertThat(bikes.getPropertyResourceValue(DCTerms.accessRights).getURI())
        .isEqualTo("http://publications.europa.eu/resource/authority/access-right/PUBLIC");
    assertThat(bikes.getPropertyResourceValue(DCTerms.license).getURI()).isEqualTo("https://www.kogl.or.kr/info/licenseType1.do");
    assertThat(literals(bikes, DCAT.keyword)).contains("자전거", "bike");
    assertThat(bikes.getPropertyResourceValue(DCAT.landingPage).getURI()).endsWith("/datasets/bike-stations");

    Literal bbox = bikes.getPropertyResourceValue(DCTerms.spatial).getProperty(DCAT.bbox).getLiteral();
    assertThat(bbox.getDatatypeURI()).isEqualTo("http://www.opengis.net/ont/geosparql#wktLiteral");
    assertThat(bbox.getLexicalForm()).startsWith("POLYGON((126.");

    List<String> downloads = new ArrayList<>();
    bikes.listProperties(DCAT.distribution).forEach(s -> {
      Resource distribution = s.getResource();
      if (distribution.hasProperty(DCAT.downloadURL)) {
        downloads.add(distribution.getPropertyResourceValue(DCAT.downloadURL).getURI());
        assertThat(distribution.hasProperty(DCAT.mediaType)).isTrue();
        assertThat(distribution.hasProperty(DCTerms.format)).isTrue();
      }
    });
    assertThat(downloads).hasSize(3).allMatch(u -> u.startsWith("http://127.0.0.1:" + port + "/api/datasets/bike-stations/download?format="));

    Resource air = dataset(model, "air-quality-daily-2019");
    Resource period = air.getPropertyResourceValue(DCTerms.temporal);
    assertThat(period.hasProperty(RDF.type, DCTerms.PeriodOfTime)).isTrue();
    Literal start = period.getProperty(DCAT.startDate).getLiteral();
    assertThat(start.getLexicalForm()).isEqualTo("2019-01-01");
    assertThat(start.getDatatype()).isEqualTo(XSDDatatype.XSDdate);
    assertThat(air.getPropertyResourceValue(DCTerms.accrualPeriodicity).getURI())
        .isEqualTo("http://publications.europa.eu/resource/authority/frequency/DAILY");
  }

  private Model harvest(ApiClient client) {
    HttpResponse<String> response = client.get("/catalog.jsonld");
    assertThat(response.statusCode()).isEqualTo(200);
    Model model = ModelFactory.createDefaultModel();
    RDFParser.create().fromString(response.body()).lang(Lang.JSONLD).parse(model);
    return model;
  }

  /** Counts datasets the way a harvester's SPARQL would: those a dcat:Catalog lists and that are typed dcat:Dataset. */
  private static int count(Model model) {
    try (QueryExecution q = QueryExecution.model(model).query(COUNT_DATASETS).build()) {
      ResultSet rows = q.execSelect();
      QuerySolution row = rows.next();
      return row.getLiteral("n").getInt();
    }
  }

  private static Set<String> identifiers(Model model) {
    Set<String> ids = new HashSet<>();
    model.listResourcesWithProperty(RDF.type, DCAT.Dataset).forEach(r -> ids.add(r.getProperty(DCTerms.identifier).getString()));
    return ids;
  }

  private static Resource dataset(Model model, String identifier) {
    return model.listResourcesWithProperty(DCTerms.identifier, identifier).next();
  }

  private static List<String> literals(Resource r, org.apache.jena.rdf.model.Property p) {
    List<String> out = new ArrayList<>();
    r.listProperties(p).forEach(s -> {
      Literal l = s.getLiteral();
      out.add(l.getLanguage().isEmpty() ? l.getString() : l.getString() + "@" + l.getLanguage());
    });
    return out;
  }

  /** The demo datasets that are not restricted, from the manifest the demo is loaded from. */
  private static List<String> publicDemoDatasets() throws Exception {
    try (InputStream in = new ClassPathResource("demo/seoul/manifest.json").getInputStream()) {
      JsonNode manifest = JsonMapper.shared().readTree(in);
      List<String> names = new ArrayList<>();
      for (JsonNode d : manifest.path("datasets")) {
        if (!"restricted".equals(d.path("access").asString("public"))) {
          names.add(d.path("name").asString());
        }
      }
      return names;
    }
  }
}
