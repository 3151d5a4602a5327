package io.distgres.coordinator.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import org.junit.jupiter.api.Test;

class CatalogScriptsTest {
    @Test
    void releasedScriptsAreListedInVersionOrder() {
        assertThat(CatalogScripts.fromClasspath()).extracting(CatalogScript::version, CatalogScript::description)
                .containsExactly(tuple(1, "catalog"),
                        tuple(2, "citus_views"), tuple(3, "function_arguments"),
                        tuple(4, "distributed_transactions"), tuple(5, "shell_guard"),
                        tuple(6, "ddl_notifications"), tuple(7, "login_roles"));
    }

    @Test
    void versionComesFromTheFileNameAndBadNamesAreRefused() {
        assertThat(CatalogScript.of("V12__add_sizes.sql", "SELECT 1").version()).isEqualTo(12);
        assertThatThrownBy(() -> CatalogScript.of("12_add_sizes.sql", "SELECT 1"))
                .hasMessageContaining("V1__description.sql");
    }

    @Test
    void checksumIgnoresLineEndingsButNotContent() {
        CatalogScript unix = CatalogScript.of("V1__x.sql", "SELECT 1;\nSELECT 2;\n");
        assertThat(CatalogScript.of("V1__x.sql", "SELECT 1;\r\nSELECT 2;\r\n").checksum()).isEqualTo(unix.checksum());
        assertThat(CatalogScript.of("V1__x.sql", "SELECT 1;\nSELECT 3;\n").checksum()).isNotEqualTo(unix.checksum());
    }
}
