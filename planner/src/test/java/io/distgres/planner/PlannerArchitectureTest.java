package io.distgres.planner;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.Location;
import java.net.URISyntaxException;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The planner's shape: its packages depend on each other one way only (no cycles, so each can be
 * read and tested below the ones that use it), and it turns SQL into plans without I/O — no
 * JDBC, gRPC or Netty.
 */
class PlannerArchitectureTest {
    private static JavaClasses planner;

    /** The planner's own compiled classes, without the parser javacc generates from Calcite's grammar. */
    @BeforeAll
    static void importPlanner() throws URISyntaxException {
        Path classes = Path.of(io.distgres.planner.plan.Tier.class.getProtectionDomain().getCodeSource().getLocation()
                .toURI());
        planner = new ClassFileImporter()
                .withImportOption((Location location) -> !location.contains("/io/distgres/planner/parser/impl/"))
                .importPath(classes.resolve("io/distgres/planner"));
    }

    @Test
    void packagesDependOnEachOtherOneWayOnly() {
        slices().matching("io.distgres.planner.(*)..").should().beFreeOfCycles().check(planner);
    }

    @Test
    void plansArePlainDataThatTheCoordinatorCanReadWithoutThePlannersMachinery() {
        classes().that().resideInAPackage("io.distgres.planner.plan..").should().onlyDependOnClassesThat()
                .resideInAnyPackage("io.distgres.planner.plan..", "java..").check(planner);
    }

    @Test
    void noJdbcGrpcOrNetty() {
        noClasses().that().resideInAPackage("io.distgres.planner..").should().dependOnClassesThat()
                .resideInAnyPackage("java.sql..", "io.grpc..", "io.netty..").check(planner);
    }
}
