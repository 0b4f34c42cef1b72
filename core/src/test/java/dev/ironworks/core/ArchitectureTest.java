package dev.ironworks.core;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import java.time.Clock;

/**
 * Keeps {@code core} pure and its packages layered as docs/architecture.md (Layers) draws them:
 * imports only point down, and no two packages import each other.
 */
@AnalyzeClasses(
    packages = "dev.ironworks.core",
    importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
  private static final String CORE = "dev.ironworks.core..";
  private static final String OURS = "dev.ironworks..";

  // ---- Purity: no I/O, no console, no clock, no hidden randomness. ----

  @ArchTest
  static final ArchRule coreDoesNoIo =
      noClasses()
          .that()
          .resideInAPackage(CORE)
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("java.io..", "java.nio.file..", "java.net..")
          .because("core is a pure model; files and the network belong to the io adapter");

  @ArchTest
  static final ArchRule coreNeverWritesToTheConsole =
      noClasses()
          .that()
          .resideInAPackage(CORE)
          .should()
          .accessField(System.class, "out")
          .orShould()
          .accessField(System.class, "err")
          .because("core returns results; adapters print them");

  @ArchTest
  static final ArchRule coreNeverReadsAClock =
      noClasses()
          .that()
          .resideInAPackage(CORE)
          .should()
          .callMethod(System.class, "currentTimeMillis")
          .orShould()
          .callMethod(System.class, "nanoTime")
          .orShould()
          .dependOnClassesThat()
          .areAssignableTo(Clock.class)
          .because("time is an input: the planner and simulator never read a wall clock");

  @ArchTest
  static final ArchRule coreNeverDrawsUnseededRandomNumbers =
      noClasses()
          .that()
          .resideInAPackage(CORE)
          .should()
          .callMethod(Math.class, "random")
          .orShould()
          .callMethod(StrictMath.class, "random")
          .because("randomness is an input: sampling takes a generator seeded from the scenario");

  // ---- Layers (docs/architecture.md): units, catalog, scenario at the bottom. ----

  @ArchTest
  static final ArchRule unitsDependOnNoOtherPackageOfOurs =
      noClasses()
          .that()
          .resideInAPackage("dev.ironworks.core.units..")
          .should()
          .dependOnClassesThat(
              resideInAPackage(OURS).and(not(resideInAPackage("dev.ironworks.core.units.."))))
          .because("units is the bottom layer");

  @ArchTest
  static final ArchRule catalogDependsOnlyOnUnits =
      noClasses()
          .that()
          .resideInAPackage("dev.ironworks.core.catalog..")
          .should()
          .dependOnClassesThat(
              resideInAPackage(OURS)
                  .and(
                      not(
                          resideInAnyPackage(
                              "dev.ironworks.core.catalog..", "dev.ironworks.core.units.."))))
          .because("the catalog describes parts; it knows no scenario and no model");

  @ArchTest
  static final ArchRule scenarioDependsOnlyOnUnitsAndTheCatalog =
      noClasses()
          .that()
          .resideInAPackage("dev.ironworks.core.scenario..")
          .should()
          .dependOnClassesThat(
              resideInAPackage(OURS)
                  .and(
                      not(
                          resideInAnyPackage(
                              "dev.ironworks.core.scenario..",
                              "dev.ironworks.core.catalog..",
                              "dev.ironworks.core.units.."))))
          .because(
              "a scenario is a question: it names catalog entries (an inline model"
                  + " architecture among them) and knows no model of the answer");

  @ArchTest
  static final ArchRule memoryDependsOnlyOnScenarioCatalogAndUnits =
      noClasses()
          .that()
          .resideInAPackage("dev.ironworks.core.memory..")
          .should()
          .dependOnClassesThat(
              resideInAPackage(OURS)
                  .and(
                      not(
                          resideInAnyPackage(
                              "dev.ironworks.core.memory..",
                              "dev.ironworks.core.scenario..",
                              "dev.ironworks.core.catalog..",
                              "dev.ironworks.core.units.."))))
          .because("memory sits at the bottom of the training model, beside the network");

  @ArchTest
  static final ArchRule computeDependsOnNoModelAboveIt =
      noClasses()
          .that()
          .resideInAPackage("dev.ironworks.core.compute..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "dev.ironworks.core.facility..",
              "dev.ironworks.core.cost..",
              "dev.ironworks.core.carbon..",
              "dev.ironworks.core.plan..")
          .because("the training step model uses network and memory; the planner composes it");

  // ---- Layers: models below the cost and carbon models, and those below the planner. ----

  @ArchTest
  static final ArchRule networkDependsOnNoModelAboveIt =
      noClasses()
          .that()
          .resideInAPackage("dev.ironworks.core.network..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "dev.ironworks.core.facility..",
              "dev.ironworks.core.cost..",
              "dev.ironworks.core.carbon..",
              "dev.ironworks.core.plan..")
          .because("the network sits below facility, cost, carbon and the planner");

  @ArchTest
  static final ArchRule facilityDependsOnNeitherCostNorCarbonNorPlan =
      noClasses()
          .that()
          .resideInAPackage("dev.ironworks.core.facility..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "dev.ironworks.core.cost..",
              "dev.ironworks.core.carbon..",
              "dev.ironworks.core.plan..")
          .because("racks and power are computed before anything is costed");

  @ArchTest
  static final ArchRule costAndCarbonNeverCallThePlanner =
      noClasses()
          .that()
          .resideInAnyPackage("dev.ironworks.core.cost..", "dev.ironworks.core.carbon..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("dev.ironworks.core.plan..")
          .because("the planner composes the models; a model never calls the planner");

  @ArchTest
  static final ArchRule corePackagesAreFreeOfCycles =
      slices().matching("dev.ironworks.core.(*)..").should().beFreeOfCycles();
}
