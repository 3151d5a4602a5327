package io.distgres.coordinator.regress;

/**
 * One statement of the corpus: {@code id} is {@code <file>/<name>} (e.g. {@code aggregates/count_star}),
 * {@code ordered} says its top level has an ORDER BY that orders rows completely, so results are
 * compared in order instead of as multisets; {@code failing} says PostgreSQL itself must reject it
 * (then distgres must fail with the same SQLSTATE).
 */
record CorpusStatement(String id, String sql, boolean ordered, boolean failing) {
}
