package org.madang;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

/** The app's capabilities stay separate modules, and the house rules on package names hold. */
class ModularityTest {

  private static final JavaClasses CLASSES = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("org.madang");

  @Test
  void modulesRespectTheirBoundaries() {
    // the engine and analytics are libraries the app uses, not application modules
    ApplicationModules.of(MadangApplication.class, JavaClass.Predicates.resideInAnyPackage("org.madang.engine..", "org.madang.analytics..")).verify();
  }

  @Test
  void noGrabBagPackages() {
    noClasses().should().resideInAnyPackage("..util..", "..utils..", "..helper..", "..helpers..", "..manager..", "..common..")
        .because("a helper for a type lives with the type")
        .check(CLASSES);
  }

  @Test
  void engineAndAnalyticsDoNotReachIntoTheApp() {
    noClasses().that().resideInAnyPackage("org.madang.engine..", "org.madang.analytics..")
        .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "org.madang.catalog..", "org.madang.accounts..", "org.madang.web..")
        .check(CLASSES);
  }

  @Test
  void theAppUsesTheEngineOnlyThroughItsFacadeAndPublishedPackages() {
    noClasses().that().resideOutsideOfPackages("org.madang.engine..", "org.madang.analytics..")
        .should().dependOnClassesThat().resideInAnyPackage("org.madang.engine.store..", "org.madang.engine.ingest..", "org.madang.engine.enrich..")
        .because("DataEngine and the engine's value types are its contract; store, ingest and enrich are its insides")
        .check(CLASSES);
  }
}
