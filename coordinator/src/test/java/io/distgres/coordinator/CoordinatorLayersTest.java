package io.distgres.coordinator;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The coordinator's rooms and the one direction between them: the wire server on top, then
 * sessions, the statement commands (routing, COPY, DDL, table functions, EXPLAIN), execution on
 * worker nodes, schema reading, distributed transactions, the worker client, the catalog and
 * the coordinator database's pool at the bottom — and no package in a cycle with another.
 */
class CoordinatorLayersTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.distgres.coordinator");
    }

    @Test
    void noPackageIsInACycle() {
        slices().matching("io.distgres.coordinator.(**)").should().beFreeOfCycles().check(classes);
    }

    @Test
    void layersDependOnlyDownwards() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("Launcher").definedBy("io.distgres.coordinator", "..coordinator.launcher..")
                .layer("Server").definedBy("..coordinator.pgwire.server..")
                .layer("Session").definedBy("..coordinator.session..")
                .layer("Commands").definedBy("..coordinator.routing..", "..coordinator.copy..",
                        "..coordinator.ddl..", "..coordinator.tables..", "..coordinator.explain..")
                .layer("Execution").definedBy("..coordinator.execution..")
                .layer("Schema").definedBy("..coordinator.schema..")
                .layer("Transaction").definedBy("..coordinator.transaction..")
                .layer("Worker").definedBy("..coordinator.worker..")
                .layer("Metadata").definedBy("..coordinator.metadata..")
                .layer("Backend").definedBy("..coordinator.backend..")
                .whereLayer("Launcher").mayNotBeAccessedByAnyLayer()
                .whereLayer("Server").mayOnlyBeAccessedByLayers("Launcher")
                .whereLayer("Session").mayOnlyBeAccessedByLayers("Launcher", "Server")
                .whereLayer("Commands").mayOnlyBeAccessedByLayers("Launcher", "Session", "Commands")
                .whereLayer("Execution").mayOnlyBeAccessedByLayers("Launcher", "Session", "Commands")
                .whereLayer("Schema").mayOnlyBeAccessedByLayers("Launcher", "Session", "Commands", "Execution")
                .whereLayer("Transaction").mayOnlyBeAccessedByLayers("Launcher", "Session", "Commands", "Execution")
                .whereLayer("Worker").mayOnlyBeAccessedByLayers("Launcher", "Session", "Commands", "Execution",
                        "Transaction")
                .whereLayer("Metadata").mayOnlyBeAccessedByLayers("Launcher", "Session", "Commands", "Execution",
                        "Schema", "Transaction", "Worker")
                .whereLayer("Backend").mayOnlyBeAccessedByLayers("Launcher", "Session", "Commands", "Execution",
                        "Schema", "Transaction", "Worker", "Metadata")
                .check(classes);
    }
}
