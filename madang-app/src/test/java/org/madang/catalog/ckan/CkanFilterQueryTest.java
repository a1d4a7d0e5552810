package org.madang.catalog.ckan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.madang.catalog.AccessLevel;
import org.madang.catalog.CatalogSearch.Hit;
import org.madang.catalog.Dataset;
import org.madang.catalog.DatasetVersion;
import org.madang.catalog.Organization;
import org.madang.engine.SpatialInfo;

/** The Solr filter syntax CKAN clients send in {@code fq}, read the way CKAN's Solr would. */
class CkanFilterQueryTest {

  private static final Organization TRANSPORT = new Organization(1, "transportation", "도시교통실", "Urban Transportation Office", null, null, "department");
  private static final Organization WELFARE = new Organization(2, "welfare", "복지정책실", "Welfare Policy Office", null, null, "department");

  private static final Hit BIKES = hit("bike-stations", "공공자전거 대여소", TRANSPORT, List.of("자전거", "bike"), AccessLevel.PUBLIC, true);
  private static final Hit BUSES = hit("bus-stops", "버스정류소 위치", TRANSPORT, List.of("버스", "bus"), AccessLevel.PUBLIC, true);
  private static final Hit HOMES = hit("nursing-homes", "노인요양시설", WELFARE, List.of("senior"), AccessLevel.RESTRICTED, false);
  private static final Hit EMPTY = new Hit(dataset("no-data-yet", "빈 데이터", WELFARE, List.of(), AccessLevel.REGISTERED), null);

  @Test
  void blankTextAndMatchAllSelectEverything() {
    assertThat(matching(null)).containsExactly("bike-stations", "bus-stops", "nursing-homes", "no-data-yet");
    assertThat(matching("*:*")).hasSize(4);
  }

  @Test
  void clausesSideBySideAreJoinedWithAnd() {
    assertThat(matching("organization:transportation tags:bike")).containsExactly("bike-stations");
    assertThat(matching("organization:transportation AND tags:bus")).containsExactly("bus-stops");
  }

  @Test
  void readsJackansParenthesizedQuotedFilters() {
    assertThat(matching("(organization:\"transportation\" AND tags:\"자전거\")")).containsExactly("bike-stations");
  }

  @Test
  void alternativesInsideAFieldGroupAreOred() {
    assertThat(matching("tags:(bike OR senior)")).containsExactly("bike-stations", "nursing-homes");
    assertThat(matching("organization:welfare OR tags:bus")).containsExactly("bus-stops", "nursing-homes", "no-data-yet");
  }

  @Test
  void resourceFormatsFollowWhatEachDatasetOffers() {
    assertThat(matching("res_format:CSV")).containsExactly("bike-stations", "bus-stops", "nursing-homes");
    assertThat(matching("res_format:geojson")).containsExactly("bike-stations", "bus-stops");
  }

  @Test
  void accessAndCapacityNameTheAccessLevels() {
    assertThat(matching("access:restricted")).containsExactly("nursing-homes");
    assertThat(matching("capacity:public")).containsExactly("bike-stations", "bus-stops", "no-data-yet");
    assertThat(matching("private:true")).containsExactly("nursing-homes");
  }

  @Test
  void negationsAndHarvesterBoilerplateWork() {
    assertThat(matching("+dataset_type:dataset -tags:bus organization:transportation")).containsExactly("bike-stations");
    assertThat(matching("NOT organization:transportation")).containsExactly("nursing-homes", "no-data-yet");
  }

  @Test
  void wildcardsMatchAnyValueOrAPrefix() {
    assertThat(matching("tags:*")).containsExactly("bike-stations", "bus-stops", "nursing-homes");
    assertThat(matching("name:bu*")).containsExactly("bus-stops");
  }

  @Test
  void groupsAndLicenseIdsMatchNothingBecauseMadangHasNone() {
    assertThat(matching("groups:transport")).isEmpty();
    assertThat(matching("license_id:cc-by")).isEmpty();
  }

  @Test
  void refusesUnknownFieldsRangesAndBrokenSyntaxAsValidationErrors() {
    for (String bad : List.of("colour:red", "metadata_modified:[2020 TO 2021]", "(tags:bike", "tags:\"bike", "tags:")) {
      assertThatThrownBy(() -> CkanFilterQuery.parse(bad, "fq")).as(bad).isInstanceOfSatisfying(CkanActionException.class, e -> {
        assertThat(e.status()).isEqualTo(409);
        assertThat(e.error()).containsEntry("__type", "Validation Error").containsKey("fq");
      });
    }
  }

  private static List<String> matching(String fq) {
    CkanFilterQuery filter = CkanFilterQuery.parse(fq, "fq");
    return Stream.of(BIKES, BUSES, HOMES, EMPTY).filter(filter::matches).map(h -> h.dataset().name()).toList();
  }

  private static Hit hit(String name, String title, Organization org, List<String> tags, AccessLevel access, boolean located) {
    SpatialInfo spatial = located ? new SpatialInfo(SpatialInfo.Kind.POINTS, "lat", "lon", null, 126.9, 37.5, 127.0, 37.6, 10, 0, 0) : null;
    DatasetVersion v = new DatasetVersion(1, 1, name.replace('-', '_') + "_v1", 10, "CSV", "UTF-8", ",", name + ".csv", 100L, spatial,
        List.of(), "admin", OffsetDateTime.now(), null, List.of());
    return new Hit(dataset(name, title, org, tags, access), v);
  }

  private static Dataset dataset(String name, String title, Organization org, List<String> tags, AccessLevel access) {
    return new Dataset(1, name, name.replace('-', '_'), title, null, null, null, org, tags, null, null, null, null, access, null, null,
        null, false, 1, OffsetDateTime.now(), OffsetDateTime.now());
  }
}
