package io.distgres.coordinator.regress;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Reads the corpus under {@code sql/regress}: {@code queries/*.sql} and {@code dml/*.sql}, files
 * read in name order. A statement starts at a {@code -- name: <name>} line; a {@code -- ordered}
 * line marks it as totally ordered, a {@code -- error} line as one PostgreSQL rejects; every other line up to the next name is its SQL (a trailing
 * semicolon is dropped). A DML file names the tables to compare after it with {@code -- tables: a, b}.
 */
final class RegressCorpus {
    private static final String NAME = "-- name:";
    private static final String ORDERED = "-- ordered";
    private static final String ERROR = "-- error";
    private static final String TABLES = "-- tables:";

    private RegressCorpus() {
    }

    /** The files of {@code queries/} then {@code dml/} under {@code directory}; statement ids are unique. */
    static List<CorpusFile> read(Path directory) {
        List<CorpusFile> files = new ArrayList<>();
        files.addAll(readFolder(directory, "queries"));
        files.addAll(readFolder(directory, "dml"));
        Set<String> ids = new HashSet<>();
        for (CorpusFile file : files) {
            for (CorpusStatement statement : file.statements()) {
                if (!ids.add(statement.id())) {
                    throw new IllegalStateException("duplicate corpus id " + statement.id());
                }
            }
        }
        return files;
    }

    private static List<CorpusFile> readFolder(Path directory, String folder) {
        try (Stream<Path> paths = Files.list(directory.resolve(folder))) {
            return paths.filter(p -> p.getFileName().toString().endsWith(".sql")).sorted()
                    .map(p -> parse(folder + "/" + p.getFileName().toString().replaceFirst("\\.sql$", ""), readText(p)))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String readText(Path path) {
        try {
            return Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses one file's text; {@code fileId} prefixes its statement ids. */
    static CorpusFile parse(String fileId, String text) {
        List<CorpusStatement> statements = new ArrayList<>();
        List<String> tables = List.of();
        String name = null;
        boolean ordered = false;
        boolean failing = false;
        StringBuilder sql = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            String trimmed = line.strip();
            if (trimmed.startsWith(NAME)) {
                addStatement(statements, fileId, name, ordered, failing, sql);
                name = trimmed.substring(NAME.length()).strip();
                ordered = false;
                failing = false;
                sql.setLength(0);
            } else if (trimmed.equals(ORDERED)) {
                ordered = true;
            } else if (trimmed.equals(ERROR)) {
                failing = true;
            } else if (trimmed.startsWith(TABLES)) {
                tables = Arrays.stream(trimmed.substring(TABLES.length()).split(",")).map(String::strip).toList();
            } else if (name != null && !(trimmed.startsWith("--") && sql.isEmpty())) {
                sql.append(line).append('\n');
            }
        }
        addStatement(statements, fileId, name, ordered, failing, sql);
        return new CorpusFile(fileId, List.copyOf(statements), tables);
    }

    private static void addStatement(List<CorpusStatement> statements, String fileId, String name, boolean ordered,
            boolean failing, StringBuilder sql) {
        if (name == null) {
            return;
        }
        String text = sql.toString().strip();
        if (text.endsWith(";")) {
            text = text.substring(0, text.length() - 1).strip();
        }
        if (text.isEmpty()) {
            throw new IllegalStateException(fileId + "/" + name + " has no SQL");
        }
        statements.add(new CorpusStatement(fileId + "/" + name, text, ordered, failing));
    }
}
