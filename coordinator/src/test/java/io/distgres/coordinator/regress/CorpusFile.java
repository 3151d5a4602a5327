package io.distgres.coordinator.regress;

import java.util.List;

/**
 * One corpus file: its id ({@code queries/joins}, {@code dml/router}), its statements in file order,
 * and for DML files the tables compared whole after the last statement ({@code -- tables:} header).
 */
record CorpusFile(String id, List<CorpusStatement> statements, List<String> comparedTables) {
}
