package dev.trainyard.trainer.eval;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A {@code --checkpoint} value: one file, or a glob such as
 * {@code "outputs/shufflenetv2k??-*-cocokp*.epoch??[05]"} (quote it so the shell leaves it alone).
 * Globs follow the shell's rules: {@code *} and {@code ?} stay within one path component. Hidden
 * files (the temporary files of an atomic write) and the evaluator's own outputs never match.
 */
public record CheckpointGlob(String pattern) {

    /** Whether the value has glob characters. */
    public boolean isGlob() {
        return pattern.chars().anyMatch(c -> c == '*' || c == '?' || c == '[' || c == '{');
    }

    /** The files that match now, sorted by name. */
    public List<Path> matches() {
        if (!isGlob()) {
            Path file = Path.of(pattern);
            return Files.isRegularFile(file) ? List.of(file) : List.of();
        }
        Path absolute = Path.of(pattern).toAbsolutePath().normalize();
        Path base = absolute.getRoot();
        int depth = 0;
        boolean inGlob = false;
        for (Path part : absolute) {
            String name = part.toString();
            if (!inGlob && !(name.contains("*") || name.contains("?") || name.contains("[") || name.contains("{"))) {
                base = base.resolve(name);
            } else {
                inGlob = true;
                depth++;
            }
        }
        if (!Files.isDirectory(base)) {
            return List.of();
        }
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + absolute);
        List<Path> found = new ArrayList<>();
        try (Stream<Path> files = Files.find(base, depth, (path, attributes) -> attributes.isRegularFile())) {
            files.filter(matcher::matches).filter(CheckpointGlob::isCandidate).sorted().forEach(found::add);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + base, e);
        }
        return found;
    }

    /** Not a hidden temporary file and not an output of evaluation or training. */
    static boolean isCandidate(Path file) {
        String name = file.getFileName().toString();
        return !name.startsWith(".") && !name.endsWith(".json") && !name.endsWith(".zip") && !name.endsWith(".log")
                && !name.endsWith(".png") && !name.endsWith(".tmp");
    }

    /** Whether a checkpoint is the untrained model of epoch 0, which watching skips. */
    public static boolean isEpochZero(Path file) {
        return file.getFileName().toString().endsWith(".epoch000");
    }
}
