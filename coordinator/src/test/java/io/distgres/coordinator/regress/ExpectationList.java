package io.distgres.coordinator.regress;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A list of corpus ids with a note each, one per line as {@code id  # note}; lines starting with
 * {@code #} are comments. Used for {@code expected-unsupported.txt} (statements distgres refuses
 * with 0A000 today) and {@code known-wrong.txt} (statements distgres answers wrongly today).
 */
record ExpectationList(Path file, Map<String, String> notesById) {

    static ExpectationList read(Path file) {
        Map<String, String> notes = new TreeMap<>();
        if (Files.exists(file)) {
            for (String line : lines(file)) {
                String trimmed = line.strip();
                if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                    continue;
                }
                int hash = trimmed.indexOf('#');
                String id = (hash < 0 ? trimmed : trimmed.substring(0, hash)).strip();
                notes.put(id, hash < 0 ? "" : trimmed.substring(hash + 1).strip());
            }
        }
        return new ExpectationList(file, notes);
    }

    boolean contains(String id) {
        return notesById.containsKey(id);
    }

    /** Rewrites the file with {@code header} comment lines and these ids, sorted. */
    static void write(Path file, List<String> header, Map<String, String> notesById) {
        List<String> lines = new ArrayList<>();
        header.forEach(line -> lines.add("# " + line));
        new TreeMap<>(notesById).forEach((id, note) -> lines.add(note.isEmpty() ? id : id + "  # " + note));
        try {
            Files.write(file, lines, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
