package io.distgres.coordinator.metadata;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One versioned catalog script: {@code V<version>__<description>.sql} and its text.
 *
 * @param version     applied in ascending order, each once per database
 * @param fileName    the resource's file name, e.g. {@code V1__catalog.sql}
 * @param sql         the script, run as one transaction
 */
public record CatalogScript(int version, String fileName, String sql) {
    private static final Pattern FILE_NAME = Pattern.compile("V([1-9][0-9]*)__([A-Za-z0-9_]+)\\.sql");

    public CatalogScript {
        requireNonNull(fileName, "fileName is null");
        requireNonNull(sql, "sql is null");
        if (version <= 0) {
            throw new IllegalArgumentException("version must be positive: " + version);
        }
    }

    /** A script named {@code V<n>__<description>.sql}; the version comes from the name. */
    public static CatalogScript of(String fileName, String sql) {
        Matcher m = FILE_NAME.matcher(requireNonNull(fileName, "fileName is null"));
        if (!m.matches()) {
            throw new IllegalArgumentException("catalog script name must look like V1__description.sql: " + fileName);
        }
        return new CatalogScript(Integer.parseInt(m.group(1)), fileName, sql);
    }

    /** The description part of the name, e.g. {@code catalog}. */
    public String description() {
        return fileName.substring(fileName.indexOf("__") + 2, fileName.length() - ".sql".length());
    }

    /**
     * SHA-256 of the script text, recorded when applied so a later edit of a released script is
     * caught. Line endings are normalized: a checkout with CRLF is the same script.
     */
    public String checksum() {
        try {
            byte[] text = sql.replace("\r\n", "\n").getBytes(StandardCharsets.UTF_8);
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text);
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
