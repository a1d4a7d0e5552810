package org.madang.engine;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The engine stays a plain library: no Spring, no grab-bag packages, and its capabilities depend one way. */
class EngineArchitectureTest {

  private static final JavaClasses ENGINE =
      new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("org.madang.engine");

  @Test
  void usesNoSpring() {
    noClasses().should().dependOnClassesThat().resideInAnyPackage("org.springframework..").check(ENGINE);
  }

  @Test
  void hasNoUtilOrHelperPackages() {
    noClasses().should().resideInAnyPackage("..util..", "..utils..", "..helper..", "..helpers..", "..common..", "..manager..").check(ENGINE);
  }

  @Test
  void readsFilesWithoutKnowingTheWarehouse() {
    noClasses().that().resideInAnyPackage("org.madang.engine.ingest..", "org.madang.engine.geo..", "org.madang.engine.enrich..")
        .should().dependOnClassesThat().resideInAnyPackage("org.madang.engine.store..")
        .check(ENGINE);
  }

  @Test
  void onlyTheStoreAndEnrichmentTalkToDuckDb() {
    noClasses().that().resideInAnyPackage("org.madang.engine.ingest..", "org.madang.engine.geo..")
        .should().dependOnClassesThat().resideInAnyPackage("org.duckdb..", "java.sql..")
        .check(ENGINE);
  }

  @Test
  void subPackagesDoNotReachBackIntoTheFacade() {
    noClasses().that().resideInAnyPackage("org.madang.engine.(*)..")
        .should().dependOnClassesThat().haveFullyQualifiedName(DataEngine.class.getName())
        .check(ENGINE);
  }
}
