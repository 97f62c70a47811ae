package dev.trainyard.trainer.data;

import dev.trainyard.trainer.BadInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Generates a synthetic COCO person-keypoint dataset, JPEG images of articulated stick people
 * with annotation files in the reference's {@code data-mscoco} layout, so training runs end to
 * end without downloading COCO.
 *
 * <p>Deterministic: image {@code i} of a split depends only on the seed, the split and {@code i},
 * so the same options give byte-identical files and a larger dataset extends a smaller one.
 */
public final class SyntheticPeople {

    public static final String TRAIN_ANNOTATIONS = "annotations/person_keypoints_train2017.json";
    public static final String VAL_ANNOTATIONS = "annotations/person_keypoints_val2017.json";
    public static final String TRAIN_IMAGE_DIR = "images/train2017";
    public static final String VAL_IMAGE_DIR = "images/val2017";
    public static final float JPEG_QUALITY = 0.9f;

    private static final List<String> ENTRIES = List.of(TRAIN_ANNOTATIONS, VAL_ANNOTATIONS, TRAIN_IMAGE_DIR, VAL_IMAGE_DIR);

    private SyntheticPeople() {}

    /**
     * What to generate.
     *
     * @param trainImages number of training images (may be 0)
     * @param valImages number of validation images (may be 0)
     * @param seed the seed every image derives from
     * @param imageSize the range image sizes are drawn from
     * @param force whether to replace a dataset already in the destination
     */
    public record Options(int trainImages, int valImages, long seed, ImageSizeRange imageSize, boolean force) {
        public Options {
            if (trainImages < 0 || valImages < 0) {
                throw new IllegalArgumentException("image counts must not be negative");
            }
            if (trainImages + valImages == 0) {
                throw new IllegalArgumentException("at least one image is needed");
            }
            Objects.requireNonNull(imageSize, "imageSize");
        }
    }

    /** What one split holds once written. */
    public record SplitSummary(String name, Path annotationFile, Path imageDir, int images, int people, int crowds) {}

    /** What was written where, and how long it took. */
    public record Summary(Path out, List<SplitSummary> splits, Duration elapsed) {
        public Summary {
            splits = List.copyOf(splits);
        }

        public int images() {
            return splits.stream().mapToInt(SplitSummary::images).sum();
        }

        public int people() {
            return splits.stream().mapToInt(SplitSummary::people).sum();
        }

        public int crowds() {
            return splits.stream().mapToInt(SplitSummary::crowds).sum();
        }

        public double imagesPerSecond() {
            return images() / Math.max(1e-9, elapsed.toNanos() / 1e9);
        }
    }

    /** Told after every written image. */
    @FunctionalInterface
    public interface Progress {
        Progress NONE = (done, total) -> {};

        void imagesDone(int done, int total);
    }

    /** Counts written images over all splits for {@link Progress}. */
    private static final class Counter {
        private final int total;
        private final Progress progress;
        private int done;

        Counter(int total, Progress progress) {
            this.total = total;
            this.progress = progress;
        }

        void imageDone() {
            progress.imagesDone(++done, total);
        }
    }

    /** A dataset split: its names in the layout and the image id range that keeps ids unique across splits. */
    enum Split {
        TRAIN("train2017", TRAIN_ANNOTATIONS, TRAIN_IMAGE_DIR, 0),
        VAL("val2017", VAL_ANNOTATIONS, VAL_IMAGE_DIR, 1_000_000);

        final String title;
        final String annotations;
        final String imageDir;
        final long idOffset;

        Split(String title, String annotations, String imageDir, long idOffset) {
            this.title = title;
            this.annotations = annotations;
            this.imageDir = imageDir;
            this.idOffset = idOffset;
        }

        long imageId(int index) {
            return idOffset + index + 1;
        }
    }

    /**
     * Writes the dataset into {@code out}: {@code annotations/person_keypoints_{train,val}2017.json}
     * and {@code images/{train,val}2017/*.jpg}, built beside it and moved in at the end.
     *
     * @throws BadInputException when {@code out} already holds a dataset and {@code force} is not
     *     set, or cannot be written
     */
    public static Summary generate(Path out, Options options, Progress progress) {
        DatasetDirectory.checkDestination(out, ENTRIES, options.force());
        long start = System.nanoTime();
        Path staging = null;
        try {
            staging = DatasetDirectory.createStaging(out);
            Files.createDirectories(staging.resolve("annotations"));
            List<SplitSummary> splits = new ArrayList<>();
            Counter counter = new Counter(options.trainImages() + options.valImages(), progress);
            try (JpegWriter jpeg = new JpegWriter(JPEG_QUALITY)) {
                splits.add(writeSplit(staging, out, Split.TRAIN, options.trainImages(), options, jpeg, counter));
                splits.add(writeSplit(staging, out, Split.VAL, options.valImages(), options, jpeg, counter));
            }
            DatasetDirectory.publish(staging, out, ENTRIES, options.force());
            return new Summary(out, splits, Duration.ofNanos(System.nanoTime() - start));
        } catch (IOException | UncheckedIOException e) {
            throw new BadInputException("cannot write the synthetic dataset to " + out + ": "
                    + e.getClass().getSimpleName() + " " + e.getMessage(), e);
        } finally {
            if (staging != null) {
                try {
                    DatasetDirectory.deleteRecursively(staging);
                } catch (IOException e) {
                    // Only a hidden leftover next to the destination; the dataset itself is complete or absent.
                }
            }
        }
    }

    private static SplitSummary writeSplit(Path staging, Path out, Split split, int count, Options options,
            JpegWriter jpeg, Counter counter) throws IOException {
        Path imageDir = Files.createDirectories(staging.resolve(split.imageDir));
        String description = "Trainyard synthetic people, " + split.title + ", seed " + options.seed();
        int people = 0;
        int crowds = 0;
        try (CocoKeypointsWriter writer = new CocoKeypointsWriter(staging.resolve(split.annotations), description)) {
            for (int i = 0; i < count; i++) {
                SyntheticScene scene = scene(options.seed(), split, i, options.imageSize());
                long id = split.imageId(i);
                CocoImage image = new CocoImage(id, "%012d.jpg".formatted(id), scene.image().getWidth(),
                        scene.image().getHeight());
                jpeg.write(scene.image(), imageDir.resolve(image.fileName()));
                writer.add(image, scene);
                people += scene.people().size();
                crowds += scene.crowds().size();
                counter.imageDone();
            }
            writer.finish();
        }
        return new SplitSummary(split.title, out.resolve(split.annotations), out.resolve(split.imageDir), count, people,
                crowds);
    }

    /** Image {@code index} of {@code split}, exactly as {@link #generate} writes it. */
    static SyntheticScene scene(long seed, Split split, int index, ImageSizeRange imageSize) {
        SplittableRandom rng = new SplittableRandom(mix(mix(seed + split.ordinal() * 0x9E3779B97F4A7C15L) + index));
        int[] size = imageSize.sample(rng);
        return SyntheticScene.render(rng, size[0], size[1]);
    }

    /** A 64-bit finaliser (Stafford's mix 13), so nearby seeds and indices give unrelated streams. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
