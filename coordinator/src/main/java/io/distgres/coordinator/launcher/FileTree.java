package io.distgres.coordinator.launcher;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;

/** Copies, measures and deletes directory trees (data directories and their template). */
final class FileTree {
    /** How many regular files a tree holds and their total size. */
    record Summary(long files, long bytes) {
    }

    private FileTree() {
    }

    static Summary summarize(Path root) throws IOException {
        long files = 0;
        long bytes = 0;
        for (Path path : list(root)) {
            if (Files.isRegularFile(path)) {
                files++;
                bytes += Files.size(path);
            }
        }
        return new Summary(files, bytes);
    }

    /**
     * Copies {@code from} to the new directory {@code to} with permissions and times, leaving out
     * {@code except}; with {@code sync}, every file and directory is on disk when this returns.
     */
    static Summary copy(Path from, Path to, Path except, boolean sync) throws IOException {
        long files = 0;
        long bytes = 0;
        List<Path> sources = list(from);
        for (Path source : sources) {
            if (source.equals(except)) {
                continue;
            }
            Path target = to.resolve(from.relativize(source).toString());
            // a directory is copied empty, with its permissions (PostgreSQL insists on 0700 for the data directory)
            Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
            if (Files.isRegularFile(target)) {
                files++;
                bytes += Files.size(target);
                if (sync) {
                    try (FileChannel channel = FileChannel.open(target, StandardOpenOption.WRITE)) {
                        channel.force(true);
                    }
                }
            }
        }
        if (sync) {
            for (int i = sources.size() - 1; i >= 0; i--) {
                if (Files.isDirectory(sources.get(i))) {
                    syncDirectory(to.resolve(from.relativize(sources.get(i)).toString()));
                }
            }
        }
        return new Summary(files, bytes);
    }

    /** Makes a directory's entries durable (Linux allows fsync on a directory opened for reading). */
    static void syncDirectory(Path directory) throws IOException {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    static void deleteIfExists(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        List<Path> paths = list(root);
        for (int i = paths.size() - 1; i >= 0; i--) {
            Files.deleteIfExists(paths.get(i));
        }
    }

    /** Every path under {@code root}, parents before children, {@code root} first. */
    private static List<Path> list(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            return paths.toList();
        }
    }
}
