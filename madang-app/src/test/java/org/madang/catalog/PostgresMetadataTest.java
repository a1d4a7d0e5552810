package org.madang.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.madang.FreshDataDir;
import org.madang.accounts.Role;
import org.madang.accounts.UserDirectory;
import org.madang.accounts.Viewer;
import org.madang.audit.AuditTrail;
import org.madang.engine.ErrorCode;
import org.madang.engine.IngestProgress;
import org.madang.engine.MadangException;
import org.madang.engine.ReadRequest;
import org.madang.engine.TablePage;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The metadata store on the machine's real PostgreSQL: the same Flyway migrations as H2, and the catalog's SQL working
 * unchanged. Each run uses a schema of its own in the database {@code test} and drops it afterwards.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.NONE,
    properties = {"madang.data-dir=target/test-data/postgres", "madang.demo=false", "madang.admin-password=pg-admin-password"})
@ContextConfiguration(initializers = FreshDataDir.class)
class PostgresMetadataTest {

  private static final String URL = "jdbc:postgresql://127.0.0.1:5432/test";
  private static final String SCHEMA = "madang_it_" + Long.toHexString(System.nanoTime());

  @DynamicPropertySource
  static void postgres(DynamicPropertyRegistry registry) {
    registry.add("spring.datasource.url", () -> URL + "?currentSchema=" + SCHEMA);
    registry.add("spring.datasource.username", () -> "postgres");
    registry.add("spring.datasource.password", () -> "");
    registry.add("spring.flyway.schemas", () -> SCHEMA);
    registry.add("spring.flyway.default-schema", () -> SCHEMA);
  }

  @Autowired DatasetService datasets;
  @Autowired CatalogRepository repository;
  @Autowired UserDirectory users;
  @Autowired AuditTrail audit;

  @AfterAll
  static void dropSchema() throws Exception {
    try (Connection c = DriverManager.getConnection(URL, "postgres", "")) {
      c.createStatement().execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
    }
  }

  @Test
  void migrationsRunOnPostgresAndCreateTheCatalogTables() throws Exception {
    try (Connection c = DriverManager.getConnection(URL, "postgres", "");
        ResultSet rs = c.createStatement().executeQuery(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = '" + SCHEMA + "' ORDER BY table_name")) {
      List<String> tables = new java.util.ArrayList<>();
      while (rs.next()) {
        tables.add(rs.getString(1));
      }
      assertThat(tables).contains("datasets", "dataset_versions", "dataset_columns", "organizations", "users", "user_roles", "api_tokens",
          "audit_log", "flyway_schema_history");
    }
    assertThat(users.findByUsername("admin")).isPresent().get().extracting(u -> u.roles()).isEqualTo(Set.of(Role.ADMIN));
  }

  @Test
  void ingestSearchReadAndAuditWorkWithPostgresMetadata() throws Exception {
    Organization org = repository.findOrganization("transport-pg").orElseGet(() ->
        repository.createOrganization("transport-pg", "도시교통실", "Urban Transportation Office", null, null, "department"));
    Path csv = Files.createTempFile("stations", ".csv");
    Files.writeString(csv, "번호,이름,위도,경도\n1,경복궁역,37.5757,126.9714\n2,시청역,37.5657,126.9770\n", StandardCharsets.UTF_8);
    Viewer admin = new Viewer("admin", EnumSet.of(Role.ADMIN), null);

    IngestOutcome first = datasets.ingest(admin, "pg-stations", DatasetSpec.minimal("pg-stations", "역 목록", org.name()), csv, "stations.csv",
        UploadOptions.detect(), IngestProgress.NONE, true);
    assertThat(first.version().version()).isEqualTo(1);
    assertThat(first.version().columns()).extracting(DatasetColumn::label).contains("번호", "이름", "위도", "경도");

    Files.writeString(csv, "번호,이름,위도,경도\n1,경복궁역,37.5757,126.9714\n2,시청역,37.5657,126.9770\n3,광화문역,37.5710,126.9768\n", StandardCharsets.UTF_8);
    IngestOutcome second = datasets.ingest(admin, "pg-stations", null, csv, "stations.csv", UploadOptions.detect(), IngestProgress.NONE, false);
    assertThat(second.version().version()).isEqualTo(2);
    assertThat(datasets.listVersions(admin, "pg-stations")).extracting(DatasetVersion::version).containsExactly(2, 1);

    CatalogSearch.Result found = datasets.search(Viewer.anonymous(), new CatalogSearch.Query("역", Set.of(), Set.of(), Set.of(), Set.of(), null, null, 0, 10, false));
    assertThat(found.hits()).extracting(h -> h.dataset().name()).contains("pg-stations");

    TablePage page = datasets.readRows(Viewer.anonymous(), "pg-stations", null, ReadRequest.firstRows(null, 10));
    assertThat(page.total()).isEqualTo(3);
    assertThat(page.rows()).extracting(r -> r.get("district_code")).containsOnly("11110", "11140");

    assertThatThrownBy(() -> datasets.ingest(admin, "pg-stations", DatasetSpec.minimal("pg-stations", "again", org.name()), csv, "stations.csv",
            UploadOptions.detect(), IngestProgress.NONE, true))
        .isInstanceOf(MadangException.class)
        .extracting(e -> ((MadangException) e).code()).isEqualTo(ErrorCode.NAME_TAKEN);

    assertThat(audit.listFor("dataset", "pg-stations", 10)).extracting(AuditTrail.AuditEntry::action).contains("dataset.version.create");
    Files.delete(csv);
  }

  @Test
  void apiTokensAreStoredAsHashesAndResolveToTheirUser() throws Exception {
    users.createUser("pg-analyst", "analyst-password", EnumSet.of(Role.ANALYST), null, "Analyst");
    UserDirectory.IssuedToken token = users.createToken("pg-analyst", "laptop", 30);
    assertThat(token.secret()).startsWith("mdg_");
    try (Connection c = DriverManager.getConnection(URL, "postgres", "");
        ResultSet rs = c.createStatement().executeQuery("SELECT token_hash FROM " + SCHEMA + ".api_tokens")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1)).doesNotContain(token.secret()).hasSize(64);
    }
    assertThat(users.listTokens("pg-analyst")).extracting(m -> m.get("name")).containsExactly("laptop");
    assertThat(Map.of("revoked", users.revokeToken("pg-analyst", "laptop"))).containsEntry("revoked", true);
  }
}
