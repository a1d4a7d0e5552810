package org.madang.analytics;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The analytics library runs anywhere: no Spring, no DuckDB, no Spark, no JDBC, no grab-bag packages. */
class AnalyticsArchitectureTest {

  private static final JavaClasses ANALYTICS =
      new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("org.madang.analytics");

  @Test
  void dependsOnNoFrameworkOrEngine() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.springframework..", "org.duckdb..", "org.apache.spark..", "java.sql..", "org.madang.engine..", "org.madang.app..")
        .check(ANALYTICS);
  }

  @Test
  void hasNoUtilOrHelperPackages() {
    noClasses().should().resideInAnyPackage("..util..", "..utils..", "..helper..", "..helpers..", "..common..").check(ANALYTICS);
  }
}
