package dev.trainyard.trainer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trainyard.trainer.data.ImageSizeRange;
import dev.trainyard.trainer.data.SyntheticPeople;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code trainyard synth} as a user runs it: flags, output layout, summary and refusals. */
class SynthCommandTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    private int synth(Path target, String... more) {
        String[] args = new String[5 + more.length];
        args[0] = "synth";
        args[1] = "--out";
        args[2] = target.toString();
        args[3] = "--image-size";
        args[4] = "160x120";
        System.arraycopy(more, 0, args, 5, more.length);
        return run(args);
    }

    @Test
    void writesTheDatasetAndSummarisesIt() {
        Path target = dir.resolve("data-synth");

        assertEquals(0, synth(target, "--train-images", "3", "--val-images", "2", "--seed", "5"), err.toString());

        assertTrue(Files.isRegularFile(target.resolve(SyntheticPeople.TRAIN_ANNOTATIONS)));
        assertTrue(Files.isRegularFile(target.resolve(SyntheticPeople.VAL_ANNOTATIONS)));
        assertTrue(Files.isRegularFile(target.resolve(SyntheticPeople.TRAIN_IMAGE_DIR).resolve("000000000001.jpg")));
        String summary = out.toString();
        assertTrue(summary.contains("synth: wrote 5 images"), summary);
        assertTrue(summary.contains("images/s"), summary);
        assertTrue(summary.contains("train2017: 3 images"), summary);
        assertTrue(summary.contains("val2017: 2 images"), summary);
        assertTrue(summary.contains(target.resolve(SyntheticPeople.TRAIN_ANNOTATIONS).toString()), summary);
    }

    @Test
    void refusesToOverwriteADatasetWithoutForce() throws IOException {
        Path target = dir.resolve("data-synth");
        assertEquals(0, synth(target, "--train-images", "1", "--val-images", "1"));
        byte[] before = Files.readAllBytes(target.resolve(SyntheticPeople.TRAIN_ANNOTATIONS));

        assertEquals(Main.EXIT_BAD_INPUT, synth(target, "--train-images", "1", "--val-images", "1", "--seed", "2"));

        String error = err.toString().strip();
        assertTrue(error.startsWith("trainyard: error: --out " + target), error);
        assertTrue(error.contains("already contains a dataset") && error.contains("--force"), error);
        assertEquals(1, error.lines().count(), error);
        assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(target.resolve(SyntheticPeople.TRAIN_ANNOTATIONS))));
    }

    @Test
    void forceReplacesTheDatasetAndKeepsOtherFiles() throws IOException {
        Path target = dir.resolve("data-synth");
        assertEquals(0, synth(target, "--train-images", "2", "--val-images", "1"));
        Files.writeString(target.resolve("NOTES.txt"), "mine");

        assertEquals(0, synth(target, "--train-images", "1", "--val-images", "1", "--seed", "2", "--force"), err.toString());

        assertTrue(Files.readString(target.resolve(SyntheticPeople.TRAIN_ANNOTATIONS)).contains("seed 2"));
        try (var images = Files.list(target.resolve(SyntheticPeople.TRAIN_IMAGE_DIR))) {
            assertEquals(1, images.count(), "the old images are gone");
        }
        assertEquals("mine", Files.readString(target.resolve("NOTES.txt")));
        try (var siblings = Files.list(dir)) {
            assertEquals(1, siblings.count(), "no staging directory left behind");
        }
    }

    @Test
    void badImageSizeIsAUsageError() {
        assertEquals(Main.EXIT_BAD_INPUT, run("synth", "--out", dir.resolve("x").toString(), "--image-size", "big"));

        assertTrue(err.toString().contains("--image-size") && err.toString().contains("WxH"), err.toString());
        assertTrue(Files.notExists(dir.resolve("x")));
    }

    @Test
    void negativeImageCountIsAUsageError() {
        assertEquals(Main.EXIT_BAD_INPUT, run("synth", "--out", dir.resolve("x").toString(), "--train-images", "-1"));

        assertTrue(err.toString().contains("--train-images"), err.toString());
    }

    @Test
    void imageSizesParseAsFixedOrRange() {
        assertEquals(new ImageSizeRange(640, 480, 640, 480), ImageSizeRange.parse("640x480"));
        assertEquals(new ImageSizeRange(320, 240, 640, 480), ImageSizeRange.parse("320x240-640x480"));
        assertEquals("320x240-640x480", ImageSizeRange.DEFAULT.toString());
        assertThrows(IllegalArgumentException.class, () -> ImageSizeRange.parse("640"));
        assertThrows(IllegalArgumentException.class, () -> ImageSizeRange.parse("640x480-320x240"));
        assertThrows(IllegalArgumentException.class, () -> ImageSizeRange.parse("8x8"));
    }
}
