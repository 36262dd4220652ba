package org.streamcount.pipeline;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * What runs on workers (this package: the job's transforms, DoFns, tokenizers, Kafka clients) is
 * apart from what launches and supervises a job ({@code launch}) and from the console tools ({@code
 * counts}): the job is serialized and shipped to executors, so it must not drag the driver's code,
 * or picocli, along.
 */
class PackageBoundariesTest {
  private static final JavaClasses MAIN =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("org.streamcount.pipeline");

  @Test
  void theJobDependsOnNeitherTheLauncherNorTheTools() {
    noClasses()
        .that()
        .resideInAPackage("org.streamcount.pipeline")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "org.streamcount.pipeline.launch..", "org.streamcount.pipeline.counts..")
        .check(MAIN);
  }

  @Test
  void theLauncherDoesNotNeedTheTools() {
    noClasses()
        .that()
        .resideInAPackage("org.streamcount.pipeline.launch..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("org.streamcount.pipeline.counts..")
        .check(MAIN);
  }

  @Test
  void theJobNeedsNoCommandLineParser() {
    noClasses()
        .that()
        .resideInAPackage("org.streamcount.pipeline")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("picocli..")
        .check(MAIN);
  }
}
