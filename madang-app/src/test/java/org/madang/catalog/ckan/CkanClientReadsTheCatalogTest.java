package org.madang.catalog.ckan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.trentorise.opendata.jackan.CkanClient;
import eu.trentorise.opendata.jackan.CkanQuery;
import eu.trentorise.opendata.jackan.SearchResults;
import eu.trentorise.opendata.jackan.exceptions.CkanNotFoundException;
import eu.trentorise.opendata.jackan.model.CkanDataset;
import eu.trentorise.opendata.jackan.model.CkanOrganization;
import eu.trentorise.opendata.jackan.model.CkanPair;
import eu.trentorise.opendata.jackan.model.CkanResource;
import eu.trentorise.opendata.jackan.model.CkanTag;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.madang.ApiClient;
import org.madang.DemoCityTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Jackan, a CKAN client written by others, reads the catalog as it reads any CKAN site: it lists, searches and shows
 * packages with their resources and lists organizations. The restricted demo dataset does not exist for it. (Jackan
 * predates Jackson 2.12; {@link JackanOnCurrentJackson} gives it the JSON mapper it would configure for itself.)
 */
@DemoCityTest
class CkanClientReadsTheCatalogTest {

  static final String RESTRICTED = "senior-nursing-homes-2024";

  @LocalServerPort int port;
  CkanClient ckan;

  @BeforeAll
  static void runJackanOnCurrentJackson() {
    JackanOnCurrentJackson.install();
  }

  @BeforeEach
  void connect() {
    ckan = new CkanClient("http://127.0.0.1:" + port);
  }

  @Test
  void listsTheDatasetsAnAnonymousVisitorMaySee() {
    List<String> names = ckan.getDatasetList();
    int visible = ApiClient.json(ApiClient.anonymous(port).get("/api/datasets?limit=0")).path("total").asInt();
    assertThat(names).hasSize(visible).contains("bike-stations", "bus-stops", "seoul-districts", "air-quality-daily-2019")
        .doesNotContain(RESTRICTED).isSorted();
    assertThat(ckan.getDatasetList(2, 1)).containsExactlyElementsOf(names.subList(1, 3));
  }

  @Test
  void findsDatasetsByKoreanText() {
    SearchResults<CkanDataset> found = ckan.searchDatasets(CkanQuery.filter().byText("자전거"), 10, 0);
    assertThat(found.getResults()).extracting(CkanDataset::getName).contains("bike-stations", "bicycle-accidents-by-district");
    assertThat(found.getCount()).isEqualTo(found.getResults().size());
    assertThat(ckan.searchDatasets(CkanQuery.filter().byText("요양"), 10, 0).getCount()).isZero();
  }

  @Test
  void narrowsASearchByOrganizationAndTags() {
    SearchResults<CkanDataset> found = ckan.searchDatasets(
        CkanQuery.filter().byOrganizationName("transportation").byTagNames("bike"), 10, 0);
    assertThat(found.getResults()).extracting(CkanDataset::getName).containsExactly("bike-stations");
    assertThat(found.getResults().get(0).getOrganization().getName()).isEqualTo("transportation");
  }

  @Test
  void pagesThroughSearchResults() {
    SearchResults<CkanDataset> first = ckan.searchDatasets(CkanQuery.filter().byOrganizationName("transportation"), 2, 0);
    SearchResults<CkanDataset> rest = ckan.searchDatasets(CkanQuery.filter().byOrganizationName("transportation"), 10, 2);
    assertThat(first.getResults()).hasSize(2);
    assertThat(first.getCount()).isEqualTo(2 + rest.getResults().size()).isGreaterThanOrEqualTo(3);
    assertThat(rest.getResults()).extracting(CkanDataset::getName).doesNotContainAnyElementsOf(first.getResults().stream().map(CkanDataset::getName).toList());
  }

  @Test
  void showsAPackageWithItsResourcesAndBilingualMetadata() {
    CkanDataset bikes = ckan.getDataset("bike-stations");
    assertThat(bikes.getTitle()).isEqualTo("서울시 공공자전거(따릉이) 대여소 정보");
    assertThat(bikes.getOrganization().getName()).isEqualTo("transportation");
    assertThat(bikes.getOrganization().getTitle()).isEqualTo("도시교통실");
    assertThat(bikes.getTags()).extracting(CkanTag::getName).contains("자전거", "bike");
    assertThat(bikes.getLicenseTitle()).startsWith("공공누리");
    assertThat(bikes.getMetadataModified()).isNotNull();
    assertThat(bikes.getMetadataCreated()).isNotNull();
    assertThat(bikes.isPriv()).isFalse();
    assertThat(bikes.getExtras()).extracting(CkanPair::getKey).contains("title_en", "access", "spatial");
    assertThat(bikes.getExtrasAsHashMap()).containsEntry("title_en", "Public bike (Ttareungyi) stations").containsEntry("access", "public");
    assertThat(bikes.getExtrasAsHashMap().get("spatial")).startsWith("{\"type\":\"Polygon\"");

    assertThat(bikes.getNumResources()).isEqualTo(3);
    assertThat(bikes.getResources()).extracting(CkanResource::getFormat).containsExactly("CSV", "GeoJSON", "Parquet");
    assertThat(bikes.getResources()).allSatisfy(r -> assertThat(r.getUrl()).startsWith("http://127.0.0.1:" + port + "/api/datasets/bike-stations/download?format="));
    CkanResource csv = bikes.getResources().get(0);
    assertThat(csv.getId()).isEqualTo("bike-stations");
    assertThat(csv.getOthers()).containsEntry("datastore_active", true);

    var download = ApiClient.anonymous(port).getBytes(csv.getUrl().substring(("http://127.0.0.1:" + port).length()));
    assertThat(download.statusCode()).isEqualTo(200);
    assertThat(download.body().length).isGreaterThan(1000);
  }

  @Test
  void datasetsWithoutLocationsHaveNoGeoJsonResource() {
    // police station areas are not districts, so the crime table has no locations
    CkanDataset crime = ckan.getDataset("crime-by-police-station-2016");
    assertThat(crime.getExtrasAsHashMap()).doesNotContainKey("spatial");
    assertThat(crime.getResources()).extracting(CkanResource::getFormat).containsExactly("CSV", "Parquet");
  }

  @Test
  void listsOrganizationsWithTheDatasetsOneMaySee() {
    List<CkanOrganization> organizations = ckan.getOrganizationList();
    assertThat(organizations).extracting(CkanOrganization::getName)
        .contains("urban-planning", "climate-environment", "transportation", "welfare", "police");
    CkanOrganization transportation = organizations.stream().filter(o -> o.getName().equals("transportation")).findFirst().orElseThrow();
    assertThat(transportation.getTitle()).isEqualTo("도시교통실");
    assertThat(transportation.getPackageCount()).isGreaterThanOrEqualTo(3);
    assertThat(ckan.getOrganizationNames()).contains("transportation");
    assertThat(ckan.getOrganization("welfare").getDisplayName()).isEqualTo("복지정책실");
  }

  @Test
  void listsTags() {
    assertThat(ckan.getTagNamesList()).contains("자전거", "bike", "경계").doesNotContain("요양");
    assertThat(ckan.getTagNamesList("자전")).containsExactly("자전거");
  }

  @Test
  void reportsTheRestrictedDatasetAsNotFound() {
    assertThatThrownBy(() -> ckan.getDataset(RESTRICTED)).isInstanceOf(CkanNotFoundException.class);
    assertThatThrownBy(() -> ckan.getDataset("no-such-dataset")).isInstanceOf(CkanNotFoundException.class);
  }

  @Test
  void anAdminsTokenShowsTheRestrictedDataset() {
    String token = ApiClient.json(ApiClient.admin(port).postJson("/api/tokens", "{\"name\":\"jackan-" + UUID.randomUUID() + "\"}")).path("token").asString();
    CkanDataset homes = new CkanClient("http://127.0.0.1:" + port, token).getDataset(RESTRICTED);
    assertThat(homes.getName()).isEqualTo(RESTRICTED);
    assertThat(homes.isPriv()).isTrue();
    assertThat(homes.getExtrasAsHashMap()).containsEntry("access", "restricted");
  }
}
