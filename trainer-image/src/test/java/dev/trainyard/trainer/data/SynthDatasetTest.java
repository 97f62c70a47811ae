package dev.trainyard.trainer.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trainyard.trainer.head.CocoConstants;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The written synthetic dataset: deterministic, readable by the COCO reader, and labelled consistently. */
class SynthDatasetTest {

    private static final ImageSizeRange SMALL = ImageSizeRange.parse("160x120-320x240");
    private static final SyntheticPeople.Options OPTIONS = new SyntheticPeople.Options(8, 3, 7, SMALL, false);

    @TempDir
    static Path dir;

    private static Path out;
    private static SyntheticPeople.Summary summary;

    @BeforeAll
    static void generate() {
        out = dir.resolve("synth");
        summary = SyntheticPeople.generate(out, OPTIONS, SyntheticPeople.Progress.NONE);
    }

    private static CocoDataset train(CocoFilter filter) {
        return CocoDataset.open(out.resolve(SyntheticPeople.TRAIN_ANNOTATIONS), out.resolve(SyntheticPeople.TRAIN_IMAGE_DIR),
                filter);
    }

    private static CocoDataset val(CocoFilter filter) {
        return CocoDataset.open(out.resolve(SyntheticPeople.VAL_ANNOTATIONS), out.resolve(SyntheticPeople.VAL_IMAGE_DIR),
                filter);
    }

    @Test
    void writesTheReferenceLayoutAndNothingElse() throws IOException {
        assertEquals(List.of(
                        "annotations/person_keypoints_train2017.json",
                        "annotations/person_keypoints_val2017.json"),
                relativeFiles(out).stream().filter(f -> f.startsWith("annotations/")).toList());
        assertEquals(8, relativeFiles(out.resolve(SyntheticPeople.TRAIN_IMAGE_DIR)).size());
        assertEquals(3, relativeFiles(out.resolve(SyntheticPeople.VAL_IMAGE_DIR)).size());
        try (Stream<Path> siblings = Files.list(dir)) {
            assertEquals(List.of(out), siblings.toList(), "no staging directory left behind");
        }
    }

    @Test
    void theSameSeedGivesByteIdenticalFiles() throws IOException {
        Path again = dir.resolve("again");
        SyntheticPeople.generate(again, OPTIONS, SyntheticPeople.Progress.NONE);

        List<String> files = relativeFiles(out);
        assertEquals(files, relativeFiles(again));
        for (String file : files) {
            assertArrayEquals(Files.readAllBytes(out.resolve(file)), Files.readAllBytes(again.resolve(file)), file);
        }
    }

    @Test
    void anotherSeedGivesOtherImagesAndAnnotations() throws IOException {
        Path other = dir.resolve("other-seed");
        SyntheticPeople.generate(other, new SyntheticPeople.Options(2, 1, 8, SMALL, false), SyntheticPeople.Progress.NONE);

        String first = relativeFiles(out.resolve(SyntheticPeople.TRAIN_IMAGE_DIR)).getFirst();
        assertFalse(Arrays.equals(
                Files.readAllBytes(out.resolve(SyntheticPeople.TRAIN_IMAGE_DIR).resolve(first)),
                Files.readAllBytes(other.resolve(SyntheticPeople.TRAIN_IMAGE_DIR).resolve(first))));
        assertNotEquals(Files.readString(out.resolve(SyntheticPeople.VAL_ANNOTATIONS)),
                Files.readString(other.resolve(SyntheticPeople.VAL_ANNOTATIONS)));
    }

    @Test
    void everyImagePassesTheTrainingFilter() {
        assertEquals(8, train(CocoFilter.training()).size());
        assertEquals(3, val(CocoFilter.training()).size());
        assertEquals(8, train(CocoFilter.none()).size());
    }

    @Test
    void summaryCountsWhatTheFilesHold() {
        CocoDataset train = train(CocoFilter.training());
        long people = countAnnotations(train, false);
        long crowds = countAnnotations(train, true);

        SyntheticPeople.SplitSummary split = summary.splits().getFirst();
        assertEquals("train2017", split.name());
        assertEquals(8, split.images());
        assertEquals(people, split.people());
        assertEquals(crowds, split.crowds());
        assertEquals(out.resolve(SyntheticPeople.TRAIN_ANNOTATIONS), split.annotationFile());
        assertEquals(11, summary.images());
    }

    private static long countAnnotations(CocoDataset dataset, boolean crowd) {
        long n = 0;
        for (int i = 0; i < dataset.size(); i++) {
            n += dataset.annotations(i).stream().filter(a -> a.crowd() == crowd).count();
        }
        return n;
    }

    @Test
    void everyImageHasOneToSixPeopleAndCrowdsCarryNoKeypoints() {
        for (CocoDataset dataset : List.of(train(CocoFilter.training()), val(CocoFilter.training()))) {
            for (int i = 0; i < dataset.size(); i++) {
                List<Annotation> anns = dataset.annotations(i);
                long people = anns.stream().filter(a -> !a.crowd()).count();
                assertTrue(people >= 1 && people <= 6, people + " people in " + dataset.image(i));
                anns.stream().filter(Annotation::crowd).forEach(crowd -> {
                    assertEquals(0, crowd.labelledKeypoints());
                    assertTrue(crowd.area() > 0);
                });
            }
        }
    }

    @Test
    void keypointFlagsBoxesAndAreasAreConsistent() {
        CocoDataset dataset = train(CocoFilter.training());
        for (int i = 0; i < dataset.size(); i++) {
            CocoImage image = dataset.image(i);
            for (Annotation a : dataset.annotations(i)) {
                assertEquals(CocoConstants.N_KEYPOINTS, a.keypointCount());
                float[] box = a.bbox();
                assertTrue(box[0] >= 0 && box[1] >= 0 && box[2] > 0 && box[3] > 0, a.toString());
                assertTrue(box[0] + box[2] <= image.width() && box[1] + box[3] <= image.height(), a.toString());
                assertTrue(a.area() > 0 && a.area() <= box[2] * box[3], a.toString());
                for (int k = 0; k < a.keypointCount(); k++) {
                    if (a.v(k) == 0) {
                        assertEquals(0f, a.x(k), a + " keypoint " + k);
                        assertEquals(0f, a.y(k), a + " keypoint " + k);
                    } else {
                        assertTrue(a.v(k) == 1 || a.v(k) == 2, a + " keypoint " + k);
                        assertTrue(a.x(k) >= 0 && a.x(k) <= image.width() - 1, a + " keypoint " + k);
                        assertTrue(a.y(k) >= 0 && a.y(k) <= image.height() - 1, a + " keypoint " + k);
                    }
                }
            }
        }
    }

    @Test
    void imagesAreJpegsOfTheStatedSize() throws IOException {
        CocoDataset dataset = val(CocoFilter.training());
        for (int i = 0; i < dataset.size(); i++) {
            CocoImage image = dataset.image(i);
            try (ImageInputStream in = ImageIO.createImageInputStream(dataset.imagePath(i).toFile())) {
                Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
                assertEquals("jpeg", readers.next().getFormatName().toLowerCase(java.util.Locale.ROOT));
            }
            BufferedImage decoded = ImageIO.read(dataset.imagePath(i).toFile());
            assertEquals(image.width(), decoded.getWidth());
            assertEquals(image.height(), decoded.getHeight());
            assertTrue(image.fileName().matches("\\d{12}\\.jpg"), image.fileName());
            RgbImage loaded = dataset.load(i).image();
            assertEquals(image.width(), loaded.width());
        }
    }

    @Test
    void imageSizesStayInTheRequestedRange() {
        for (CocoImage image : train(CocoFilter.training()).images()) {
            assertTrue(image.width() >= 160 && image.width() <= 320, image.toString());
            assertTrue(image.height() >= 120 && image.height() <= 240, image.toString());
        }
    }

    @Test
    void imageIdsAreUniqueAcrossSplits() {
        List<Long> ids = Stream.concat(train(CocoFilter.none()).images().stream(), val(CocoFilter.none()).images().stream())
                .map(CocoImage::id)
                .toList();
        assertEquals(ids.size(), ids.stream().distinct().count());
    }

    static List<String> relativeFiles(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile)
                    .map(f -> root.relativize(f).toString().replace('\\', '/'))
                    .sorted()
                    .toList();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
