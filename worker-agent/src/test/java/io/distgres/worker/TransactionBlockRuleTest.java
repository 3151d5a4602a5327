package io.distgres.worker;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TransactionBlockRuleTest {
    @Test
    void commandsThatRefuseTransactionBlocksRunOutside() {
        assertThat(TransactionBlockRule.mustRunOutsideTransaction("CREATE INDEX CONCURRENTLY i ON t (a)")).isTrue();
        assertThat(TransactionBlockRule.mustRunOutsideTransaction("  -- why\n vacuum analyze t")).isTrue();
        assertThat(TransactionBlockRule.mustRunOutsideTransaction("COMMIT PREPARED 'x'")).isTrue();
        assertThat(TransactionBlockRule.mustRunOutsideTransaction("drop database d")).isTrue();
    }

    @Test
    void ordinaryStatementsRunInside() {
        assertThat(TransactionBlockRule.mustRunOutsideTransaction("SELECT 1")).isFalse();
        assertThat(TransactionBlockRule.mustRunOutsideTransaction("(SELECT 1)")).isFalse();
        assertThat(TransactionBlockRule.mustRunOutsideTransaction("INSERT INTO ending VALUES (1)")).isFalse();
        assertThat(TransactionBlockRule.mustRunOutsideTransaction("CREATE INDEX i ON t (a)")).isFalse();
    }
}
