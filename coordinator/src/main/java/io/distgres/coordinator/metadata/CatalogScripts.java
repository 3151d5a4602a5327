package io.distgres.coordinator.metadata;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Loads the catalog scripts of the {@code sql} module from the classpath, in the order its
 * {@code scripts.txt} index lists them (a classpath cannot be listed, so the index names them).
 */
public final class CatalogScripts {
    /** Where the {@code sql} module keeps the scripts and their index. */
    public static final String RESOURCE_DIRECTORY = "io/distgres/sql/catalog/";

    private CatalogScripts() {
    }

    /** The released scripts, ascending by version. */
    public static List<CatalogScript> fromClasspath() {
        return fromClasspath(CatalogScripts.class.getClassLoader(), RESOURCE_DIRECTORY);
    }

    /** The scripts indexed by {@code directory + "scripts.txt"}; fails unless versions strictly ascend. */
    public static List<CatalogScript> fromClasspath(ClassLoader loader, String directory) {
        List<CatalogScript> scripts = new ArrayList<>();
        for (String line : read(loader, directory + "scripts.txt").split("\n")) {
            String name = line.strip();
            if (name.isEmpty() || name.startsWith("#")) {
                continue;
            }
            CatalogScript script = CatalogScript.of(name, read(loader, directory + name));
            if (!scripts.isEmpty() && scripts.get(scripts.size() - 1).version() >= script.version()) {
                throw new IllegalStateException("catalog scripts out of order in " + directory + "scripts.txt at " + name);
            }
            scripts.add(script);
        }
        if (scripts.isEmpty()) {
            throw new IllegalStateException("no catalog scripts listed in " + directory + "scripts.txt");
        }
        return List.copyOf(scripts);
    }

    private static String read(ClassLoader loader, String resource) {
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("catalog resource missing from the classpath: " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read catalog resource " + resource, e);
        }
    }
}
