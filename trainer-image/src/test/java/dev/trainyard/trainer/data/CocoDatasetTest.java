package dev.trainyard.trainer.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trainyard.trainer.head.CocoConstants;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CocoDatasetTest {

    @TempDir
    Path dir;

    private Path annotations;
    private Path images;

    @BeforeEach
    void writeFixture() throws IOException {
        annotations = dir.resolve("person_keypoints_fixture.json");
        try (InputStream in = CocoDatasetTest.class.getResourceAsStream("person_keypoints_fixture.json")) {
            Files.copy(in, annotations);
        }
        images = Files.createDirectory(dir.resolve("images"));
        for (int id = 1; id <= 5; id++) {
            writeColourImage(images.resolve("00000000000" + id + ".jpg"), 64, 48, new Color(200, 40, 40));
        }
        BufferedImage grey = new BufferedImage(32, 24, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < 24; y++) {
            for (int x = 0; x < 32; x++) {
                grey.getRaster().setSample(x, y, 0, 100);
            }
        }
        ImageIO.write(grey, "png", images.resolve("000000000006.png").toFile());
    }

    private static void writeColourImage(Path file, int width, int height, Color colour) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(colour);
        g.fillRect(0, 0, width, height);
        g.dispose();
        ImageIO.write(image, "jpg", file.toFile());
    }

    private CocoDataset open(CocoFilter filter) {
        return CocoDataset.open(annotations, images, filter);
    }

    private static List<Long> imageIds(CocoDataset dataset) {
        return dataset.images().stream().map(CocoImage::id).toList();
    }

    private static List<Long> annotationIds(List<Annotation> anns) {
        return anns.stream().map(Annotation::id).toList();
    }

    @Test
    void trainingFilterKeepsImagesWithALabelledNonCrowdPerson() {
        CocoDataset dataset = open(CocoFilter.training());

        // 2: only a crowd; 3: a person without labelled keypoints; 4: nothing; 5: only a bicycle.
        assertEquals(List.of(1L, 6L), imageIds(dataset));
        assertEquals(2, dataset.size());
    }

    @Test
    void crowdAnnotationsStayWithTheirImage() {
        List<Annotation> anns = open(CocoFilter.training()).annotations(0);

        assertEquals(List.of(101L, 102L, 103L), annotationIds(anns));
        assertEquals(List.of(false, false, true), anns.stream().map(Annotation::crowd).toList());
    }

    @Test
    void annotationsOfOtherCategoriesAreDroppedForPersonTraining() {
        assertEquals(List.of(601L), annotationIds(open(CocoFilter.training()).annotations(1)));
    }

    @Test
    void keypointsBboxAndAreaKeepTheirValues() {
        Annotation person = open(CocoFilter.training()).annotations(0).getFirst();

        assertEquals(CocoConstants.N_KEYPOINTS, person.keypointCount());
        assertEquals(30.5f, person.x(0));
        assertEquals(8f, person.y(0));
        assertEquals(2f, person.v(0));
        assertEquals(36f, person.x(5));
        assertEquals(2f, person.v(5));
        assertEquals(1f, person.v(6));
        assertEquals(0f, person.v(16));
        assertEquals(3, person.labelledKeypoints());
        assertArrayEquals(new float[] {20, 4, 22, 40.5f}, person.bbox());
        assertEquals(512.25, person.area());
        assertEquals(CocoConstants.PERSON_CATEGORY_ID, person.categoryId());
    }

    @Test
    void minKpAnnsZeroKeepsImagesWhosePeopleHaveNoLabelledKeypoint() {
        assertEquals(List.of(1L, 3L, 6L), imageIds(open(CocoFilter.training(0))));
    }

    @Test
    void minKpAnnsCountsAnnotationsWithLabelledKeypoints() {
        assertEquals(List.of(1L), imageIds(open(CocoFilter.training(2))));
    }

    @Test
    void personCategoryWithoutAnnotationFilterKeepsEveryImageWithAPersonAnnotation() {
        CocoFilter filter = new CocoFilter(List.of(CocoConstants.PERSON_CATEGORY_ID), false, 0);

        assertEquals(List.of(1L, 2L, 3L, 6L), imageIds(open(filter)));
    }

    @Test
    void noFilterKeepsEveryImageAndAnnotation() {
        CocoDataset dataset = open(CocoFilter.none());

        assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L), imageIds(dataset));
        assertEquals(List.of(), dataset.annotations(3));
        assertEquals(List.of(601L, 602L), annotationIds(dataset.annotations(5)));
        assertFalse(dataset.annotations(4).getFirst().keypointCount() > 0, "a bicycle has no keypoints");
    }

    @Test
    void imagesAndCategoriesAreDescribedAsInTheFile() {
        CocoDataset dataset = open(CocoFilter.training());

        assertEquals(new CocoImage(1, "000000000001.jpg", 64, 48), dataset.image(0));
        CocoCategory person = dataset.categories().getFirst();
        assertEquals("person", person.name());
        assertEquals("person", person.supercategory());
        assertEquals(CocoConstants.KEYPOINTS, person.keypoints());
        assertEquals(CocoConstants.SKELETON, person.skeleton());
        CocoCategory bicycle = dataset.annotationFile().category(2).orElseThrow();
        assertEquals("bicycle", bicycle.name());
        assertTrue(bicycle.keypoints().isEmpty());
        assertEquals(8, dataset.annotationFile().annotationCount());
    }

    @Test
    void loadDecodesTheImageWithItsAnnotationsAndMeta() {
        Sample sample = open(CocoFilter.training()).load(0);

        assertEquals(64, sample.image().width());
        assertEquals(48, sample.image().height());
        assertEquals(200, sample.image().get(0, 10, 10), 6);
        assertEquals(40, sample.image().get(1, 10, 10), 6);
        assertEquals(40, sample.image().get(2, 10, 10), 6);
        assertEquals(List.of(101L, 102L, 103L), annotationIds(sample.annotations()));
        assertEquals(0, sample.meta().datasetIndex());
        assertEquals(1L, sample.meta().imageId());
        assertEquals("000000000001.jpg", sample.meta().fileName());
        assertEquals(64, sample.meta().originalWidth());
        assertArrayEquals(new double[] {0, 0, 63, 47}, sample.meta().validArea());
    }

    @Test
    void greyImagesBecomeRgbWithTheirGreyValue() {
        RgbImage image = open(CocoFilter.training()).load(1).image();

        assertEquals(32, image.width());
        for (int channel = 0; channel < 3; channel++) {
            assertEquals(100f, image.get(channel, 5, 5), "channel " + channel);
        }
    }

    @Test
    void concurrentLoadsSeeTheSameSamples() {
        CocoDataset dataset = open(CocoFilter.none());
        List<float[]> expected = IntStream.range(0, dataset.size()).mapToObj(i -> dataset.load(i).image().data()).toList();

        IntStream.range(0, 8 * dataset.size()).parallel().forEach(n -> {
            int i = n % dataset.size();
            assertArrayEquals(expected.get(i), dataset.load(i).image().data(), "image " + i);
        });
    }
}
