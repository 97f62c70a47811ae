package dev.trainyard.trainer.data;

import dev.trainyard.trainer.BadInputException;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;

/**
 * Publishes a dataset built in a staging directory beside its destination: a new destination
 * appears in one rename, an existing one has each dataset entry swapped in by rename, so readers
 * never see a half-written dataset and other files in the destination are left alone.
 */
final class DatasetDirectory {

    private DatasetDirectory() {}

    /**
     * Refuses a destination that is not a directory, or that holds any of {@code entries} unless
     * {@code replace} is set.
     */
    static void checkDestination(Path out, List<String> entries, boolean replace) {
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new BadInputException("--out " + out + " exists and is not a directory");
        }
        if (!replace) {
            for (String entry : entries) {
                if (Files.exists(out.resolve(entry))) {
                    throw new BadInputException("--out " + out + " already contains a dataset (" + entry
                            + "); pass --force to replace it");
                }
            }
        }
    }

    /** Creates an empty staging directory beside {@code out}, on the same file system so renames are atomic. */
    static Path createStaging(Path out) throws IOException {
        Path absolute = out.toAbsolutePath().normalize();
        Path parent = absolute.getParent();
        if (parent == null) {
            throw new BadInputException("--out " + out + " cannot be a file-system root");
        }
        Files.createDirectories(parent);
        String base = "." + absolute.getFileName() + ".staging-" + ProcessHandle.current().pid() + "-";
        for (int attempt = 0; ; attempt++) {
            try {
                // Not createTempDirectory: its owner-only permissions would stick to the published dataset.
                return Files.createDirectory(parent.resolve(base + attempt));
            } catch (FileAlreadyExistsException e) {
                // A leftover of an earlier run with the same pid: try the next name.
            }
        }
    }

    /**
     * Moves {@code entries} from {@code staging} into {@code out}; replaced entries are moved into
     * the staging directory, which the caller deletes.
     */
    static void publish(Path staging, Path out, List<String> entries, boolean replace) throws IOException {
        if (!Files.exists(out)) {
            try {
                Files.move(staging, out, StandardCopyOption.ATOMIC_MOVE);
                return;
            } catch (IOException e) {
                if (!Files.isDirectory(out)) {
                    throw e;
                }
                // Created meanwhile by someone else: fall through to the entry-by-entry swap.
            }
        }
        checkDestination(out, entries, replace);
        Path replaced = staging.resolve(".replaced");
        for (String entry : entries) {
            Path target = out.resolve(entry);
            Files.createDirectories(target.getParent());
            if (Files.exists(target)) {
                Path old = replaced.resolve(entry);
                Files.createDirectories(old.getParent());
                Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
            }
            Files.move(staging.resolve(entry), target, StandardCopyOption.ATOMIC_MOVE);
        }
    }

    /** Deletes a directory tree if it exists. */
    static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
