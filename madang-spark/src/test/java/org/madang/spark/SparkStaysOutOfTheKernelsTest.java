package org.madang.spark;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;

/**
 * The kernels stay framework-free: no class of madang-analytics uses a Spark type (the analytics enforcer also bans
 * the dependency), and the Spark job uses the kernels only, never the embedded engine.
 */
class SparkStaysOutOfTheKernelsTest {

  @Test
  void analyticsClassesDoNotDependOnSpark() {
    // the module's own classes, not the classpath (scanning Spark's jars for a package takes long)
    JavaClasses analytics = new ClassFileImporter().importPath(java.nio.file.Path.of("../madang-analytics/target/classes"));
    noClasses().should().dependOnClassesThat().resideInAPackage("org.apache.spark..").check(analytics);
  }

  @Test
  void theSparkJobDoesNotDependOnTheEngine() {
    JavaClasses job = new ClassFileImporter().importPath(java.nio.file.Path.of("target/classes"));
    noClasses().should().dependOnClassesThat().resideInAnyPackage("org.madang.engine..", "org.madang.app..", "org.springframework..").check(job);
  }
}
