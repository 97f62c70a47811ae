package dev.trainyard.trainer.cli;

import dev.trainyard.trainer.data.ImageSizeRange;
import dev.trainyard.trainer.data.SyntheticPeople;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code trainyard synth}: writes a synthetic COCO person-keypoint dataset in the data-mscoco layout. */
@Command(
        name = "synth",
        mixinStandardHelpOptions = true,
        description = {
            "Generate a synthetic COCO person-keypoint dataset: JPEG images of",
            "articulated stick people and COCO annotation files, byte-identical for",
            "the same flags. Point the cocokp flags at it:",
            "  --cocokp-train-annotations DIR/" + SyntheticPeople.TRAIN_ANNOTATIONS,
            "  --cocokp-train-image-dir DIR/" + SyntheticPeople.TRAIN_IMAGE_DIR,
            "  --cocokp-val-annotations DIR/" + SyntheticPeople.VAL_ANNOTATIONS,
            "  --cocokp-val-image-dir DIR/" + SyntheticPeople.VAL_IMAGE_DIR,
            ""
        })
public final class SynthCommand implements Callable<Integer> {

    /** Below this many images progress lines would be noise. */
    private static final int PROGRESS_MIN_IMAGES = 200;

    @Option(names = "--out", required = true, paramLabel = "DIR",
            description = "Dataset directory to write (created; the layout of data-mscoco/).")
    Path out;

    @Option(names = "--train-images", paramLabel = "N", defaultValue = "10",
            description = "Number of training images (default: ${DEFAULT-VALUE}).")
    int trainImages;

    @Option(names = "--val-images", paramLabel = "M", defaultValue = "4",
            description = "Number of validation images (default: ${DEFAULT-VALUE}).")
    int valImages;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1",
            description = "Random seed; the same flags give byte-identical files (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--image-size", paramLabel = "WxH[-WxH]", defaultValue = "320x240-640x480",
            converter = ImageSizeConverter.class,
            description = "Fixed image size, or a range each side is drawn from (default: ${DEFAULT-VALUE}).")
    ImageSizeRange imageSize;

    @Option(names = "--force", description = "Replace a dataset already in --out.")
    boolean force;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (trainImages < 0 || valImages < 0 || trainImages + valImages == 0) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--train-images and --val-images must be >= 0 and not both 0, got " + trainImages + " and "
                            + valImages);
        }
        PrintWriter stdout = spec.commandLine().getOut();
        int total = trainImages + valImages;
        int step = Math.max(1, total / 10);
        SyntheticPeople.Progress progress = total < PROGRESS_MIN_IMAGES
                ? SyntheticPeople.Progress.NONE
                : (done, all) -> {
                    if (done % step == 0 && done < all) {
                        stdout.printf("synth: %d/%d images%n", done, all);
                        stdout.flush();
                    }
                };
        var options = new SyntheticPeople.Options(trainImages, valImages, seed, imageSize, force);
        SyntheticPeople.Summary summary = SyntheticPeople.generate(out, options, progress);
        printSummary(stdout, summary);
        return 0;
    }

    private static void printSummary(PrintWriter out, SyntheticPeople.Summary summary) {
        double seconds = summary.elapsed().toNanos() / 1e9;
        out.printf(Locale.ROOT, "synth: wrote %d images, %d people, %d crowds to %s in %.2f s (%.1f images/s)%n",
                summary.images(), summary.people(), summary.crowds(), summary.out(), seconds,
                summary.imagesPerSecond());
        for (SyntheticPeople.SplitSummary split : summary.splits()) {
            out.printf("  %s: %d images, %d people, %d crowds%n", split.name(), split.images(), split.people(),
                    split.crowds());
            out.printf("    annotations: %s%n", split.annotationFile());
            out.printf("    images:      %s%n", split.imageDir());
        }
        out.flush();
    }

    /** Parses {@code --image-size} with a one-line message on bad input. */
    static final class ImageSizeConverter implements CommandLine.ITypeConverter<ImageSizeRange> {
        @Override
        public ImageSizeRange convert(String value) {
            try {
                return ImageSizeRange.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
