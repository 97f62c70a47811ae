package dev.trainyard.trainer.debug;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trainyard.trainer.data.Annotation;
import dev.trainyard.trainer.data.ImageMeta;
import dev.trainyard.trainer.data.ImageSizeRange;
import dev.trainyard.trainer.data.RgbImage;
import dev.trainyard.trainer.data.Sample;
import dev.trainyard.trainer.data.SampleSource;
import dev.trainyard.trainer.data.SyntheticPeople;
import dev.trainyard.trainer.dataset.CocoKp;
import dev.trainyard.trainer.dataset.CocoKpSettings;
import dev.trainyard.trainer.dataset.EncodedSample;
import dev.trainyard.trainer.encoder.EncoderConfig;
import dev.trainyard.trainer.encoder.FieldEncoder;
import dev.trainyard.trainer.encoder.FieldEncoders;
import dev.trainyard.trainer.encoder.FieldReadback;
import dev.trainyard.trainer.encoder.FieldTargets;
import dev.trainyard.trainer.head.CafMeta;
import dev.trainyard.trainer.head.CocoConstants;
import dev.trainyard.trainer.head.CocoHeads;
import dev.trainyard.trainer.head.Connection;
import dev.trainyard.trainer.head.HeadMeta;
import dev.trainyard.trainer.head.Keypoint;
import dev.trainyard.trainer.transform.CocoKpConfig;
import dev.trainyard.trainer.transform.Normalize;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Debug images put the ground truth where it belongs: a hand-placed person is encoded at stride
 * 8, and the written PNGs are orange at its keypoints and limbs, grey-striped over a crowd, and
 * plain (dimmed) elsewhere.
 */
class DebugPlotsTest {

    private static final int WIDTH = 161;
    private static final int HEIGHT = 145;
    /** The input grey; the debug image shows it at half brightness. */
    private static final float GREY = 128f;
    private static final int STRIDE = 8;
    private static final int LEFT_SHOULDER = 5;
    private static final int LEFT_ANKLE = 15;
    /** Crowd box {@code [x, y, w, h]}, clear of the person. */
    private static final float[] CROWD = {118, 96, 36, 44};

    @TempDir
    Path dir;

    /** cif, caf, caf25 at stride 8. */
    private final List<HeadMeta> heads = CocoHeads.keypoints(16, 16 / STRIDE, true);
    /**
     * Keypoint pixel positions of an upright person 110 px tall with the left shoulder at the
     * field point (6.5, 5.5), where the 4x4 cif patch is centred on it.
     */
    private final double[][] person = uprightPerson(6.5 * STRIDE, 5.5 * STRIDE, LEFT_SHOULDER, 110);

    @Test
    void confidenceOverlayIsDrawnAtTheKeypointAndNowhereElse() throws IOException {
        DebugPlots plots = new DebugPlots(dir, DebugIndex.parse(List.of("cif:5"), heads));
        List<Path> files = plots.write(sample(), heads, "e000-b0003-i02");

        assertEquals(List.of(dir.resolve("e000-b0003-i02-cif5.png")), files);
        BufferedImage png = read(files.getFirst());
        // the cells' pixels are centred half a pixel before the cell centre, as the reference's upsampling
        assertCentredOn(png, person[LEFT_SHOULDER][0] - 0.5, person[LEFT_SHOULDER][1] - 0.5, 1.0);
        assertTrue(isPlainBackground(png, person[LEFT_SHOULDER + 1][0], person[LEFT_SHOULDER + 1][1]),
                "overlay at the right shoulder, which is another field");
        assertTrue(isPlainBackground(png, person[LEFT_ANKLE][0], person[LEFT_ANKLE][1]), "overlay at the ankle");
        assertTrue(isPlainBackground(png, 150, 8), "overlay in the far corner");
    }

    @Test
    void cafOverlayFollowsTheLimbAndCrowdsAreStriped() throws IOException {
        CafMeta caf = (CafMeta) heads.get(1);
        int field = caf.skeleton().indexOf(new Connection(16, 14)); // left ankle to left knee
        DebugPlots plots = new DebugPlots(dir, List.of(new DebugIndex("caf", field)));
        BufferedImage png = read(plots.write(sample(), heads, "p").getFirst());

        double[] ankle = person[LEFT_ANKLE];
        double[] knee = person[13];
        assertCentredOn(png, (ankle[0] + knee[0]) / 2, (ankle[1] + knee[1]) / 2, STRIDE);
        assertTrue(isPlainBackground(png, person[0][0], person[0][1]), "overlay at the nose");

        // striped: bright grey stripes between pixels that show the dimmed image
        int stripes = 0;
        int plain = 0;
        for (int y = (int) CROWD[1] + 10; y < CROWD[1] + 30; y++) {
            for (int x = (int) CROWD[0] + 10; x < CROWD[0] + 26; x++) {
                int[] c = rgb(png, x, y);
                stripes += isGrey(c) && c[0] > 140 ? 1 : 0;
                plain += isPlainBackground(png, x, y) ? 1 : 0;
            }
        }
        assertTrue(stripes > 60 && plain > 60, "crowd region not striped: " + stripes + " stripe, " + plain + " plain");
    }

    @Test
    void cifdetOverlayIsCentredOnTheBox() throws IOException {
        List<HeadMeta> detection = CocoHeads.detection(16, 16 / STRIDE);
        // centre (80, 72) is the field cell (10, 9): the 5x5 patch is symmetric around it
        Annotation box = new Annotation(3, 1, new float[0], new float[] {60, 42, 40, 60}, false, 40 * 60);
        DebugPlots plots = new DebugPlots(dir, DebugIndex.parse(List.of("cifdet:0"), detection));
        BufferedImage png = read(plots.write(sample(detection, List.of(box)), detection, "d").getFirst());

        assertCentredOn(png, 80 - 0.5, 72 - 0.5, 1.0);
        assertTrue(isPlainBackground(png, 62, 44), "overlay at the box corner");
    }

    @Test
    void everySelectedFieldOfTheBatchHeadsIsWrittenWithTitleStrip() throws IOException {
        List<DebugIndex> indices = new ArrayList<>(DebugIndex.parse(List.of("cif:0,16", "caf25:3", "cocokp.cif:0"), heads));
        indices.add(new DebugIndex("cifdet", 0)); // a head of another data module: not in this batch
        List<Path> files = new DebugPlots(dir.resolve("debug"), indices).write(sample(), heads, "e001");

        assertEquals(Stream.of("e001-cif0.png", "e001-cif16.png", "e001-caf253.png")
                .map(dir.resolve("debug")::resolve).toList(), files);
        for (Path file : files) {
            BufferedImage png = read(file);
            assertEquals(WIDTH, png.getWidth());
            assertEquals(DebugPlots.TITLE_HEIGHT + HEIGHT, png.getHeight());
        }
        try (Stream<Path> written = Files.list(dir.resolve("debug"))) {
            assertEquals(3, written.count(), "temporary files left behind");
        }
    }

    /** A generated dataset through the cocokp training pipeline: every positive cell is drawn at its keypoint. */
    @Test
    void pipelineSampleShowsEachKeypointOfItsField() throws IOException {
        Path data = dir.resolve("data");
        SyntheticPeople.generate(data, new SyntheticPeople.Options(1, 0, 3, ImageSizeRange.DEFAULT, false),
                SyntheticPeople.Progress.NONE);
        CocoKp cocokp = new CocoKp(CocoKpSettings.forRoot(
                data, CocoKpConfig.defaults().withSquareEdge(193).withAugmentation(false), 2));
        List<HeadMeta> kpHeads = cocokp.headMetas();
        SampleSource source = cocokp.openTrain();
        EncodedSample sample = cocokp.preprocess(kpHeads, 1).apply(source.load(0), 0, 0);
        List<List<FieldReadback.Point>> keypoints =
                FieldReadback.cifKeypoints(sample.targets().getFirst(), FieldReadback.Unit.PIXELS);

        int checked = 0;
        for (int field = 0; field < keypoints.size(); field++) {
            if (keypoints.get(field).isEmpty()) {
                continue;
            }
            DebugPlots plots = new DebugPlots(dir.resolve("pipeline"), List.of(new DebugIndex("cif", field)));
            BufferedImage png = read(plots.write(sample, kpHeads, "s0").getFirst());
            assertEquals(193, png.getWidth());
            assertEquals(DebugPlots.TITLE_HEIGHT + 193, png.getHeight());
            for (FieldReadback.Point p : keypoints.get(field)) {
                assertTrue(orangeFraction(png, p.x(), p.y(), STRIDE) > 0.25, "field " + field + ": no overlay around " + p);
                checked++;
            }
            assertOrangeOnlyNear(png, keypoints.get(field), field);
        }
        assertTrue(checked >= 10, "only " + checked + " keypoints checked");
    }

    private EncodedSample sample() {
        float[] keypoints = new float[3 * CocoConstants.N_KEYPOINTS];
        float[] bbox = {Float.MAX_VALUE, Float.MAX_VALUE, 0, 0};
        for (int j = 0; j < CocoConstants.N_KEYPOINTS; j++) {
            keypoints[3 * j] = (float) person[j][0];
            keypoints[3 * j + 1] = (float) person[j][1];
            keypoints[3 * j + 2] = 2;
            bbox[0] = Math.min(bbox[0], keypoints[3 * j]);
            bbox[1] = Math.min(bbox[1], keypoints[3 * j + 1]);
        }
        for (int j = 0; j < CocoConstants.N_KEYPOINTS; j++) {
            bbox[2] = Math.max(bbox[2], keypoints[3 * j] - bbox[0]);
            bbox[3] = Math.max(bbox[3], keypoints[3 * j + 1] - bbox[1]);
        }
        Annotation annotation = new Annotation(1, 1, keypoints, bbox, false, bbox[2] * bbox[3]);
        Annotation crowd = new Annotation(2, 1, new float[3 * CocoConstants.N_KEYPOINTS], CROWD.clone(), true,
                CROWD[2] * CROWD[3]);
        return sample(heads, List.of(annotation, crowd));
    }

    /** A grey image with {@code annotations}, encoded for {@code forHeads}. */
    private static EncodedSample sample(List<HeadMeta> forHeads, List<Annotation> annotations) {
        float[] pixels = new float[3 * WIDTH * HEIGHT];
        Arrays.fill(pixels, GREY);
        RgbImage image = new RgbImage(WIDTH, HEIGHT, pixels);
        Sample sample = new Sample(image, annotations, ImageMeta.of(0, 7, "person.jpg", WIDTH, HEIGHT));
        List<FieldTargets> targets = new ArrayList<>();
        for (FieldEncoder encoder : FieldEncoders.forHeads(forHeads, EncoderConfig.DEFAULT)) {
            targets.add(encoder.encode(sample));
        }
        return new EncodedSample(Normalize.networkInput(image), HEIGHT, WIDTH, targets, sample.meta());
    }

    /** The upright reference pose {@code height} pixels tall, keypoint {@code anchor} at {@code (x, y)}. */
    private static double[][] uprightPerson(double x, double y, int anchor, double height) {
        double unit = height / 9.7;
        Keypoint origin = CocoConstants.UPRIGHT_POSE.get(anchor);
        double[][] points = new double[CocoConstants.N_KEYPOINTS][];
        for (int j = 0; j < points.length; j++) {
            Keypoint p = CocoConstants.UPRIGHT_POSE.get(j);
            points[j] = new double[] {x + unit * (p.x() - origin.x()), y - unit * (p.y() - origin.y())};
        }
        return points;
    }

    private static BufferedImage read(Path file) throws IOException {
        assertTrue(Files.isRegularFile(file), file + " not written");
        BufferedImage image = ImageIO.read(file.toFile());
        assertNotNull(image, file + " is not an image ImageIO can read");
        return image;
    }

    /**
     * Asserts that the orange pixels of the image are centred on image point {@code (x, y)}.
     */
    private static void assertCentredOn(BufferedImage png, double x, double y, double tolerance) {
        double sumX = 0;
        double sumY = 0;
        int n = 0;
        for (int py = 0; py < png.getHeight() - DebugPlots.TITLE_HEIGHT; py++) {
            for (int px = 0; px < png.getWidth(); px++) {
                if (isOrange(rgb(png, px, py))) {
                    sumX += px;
                    sumY += py;
                    n++;
                }
            }
        }
        assertTrue(n > STRIDE * STRIDE, "only " + n + " orange pixels");
        double distance = Math.hypot(sumX / n - x, sumY / n - y);
        assertTrue(distance <= tolerance, "overlay centred at (" + sumX / n + ", " + sumY / n + "), "
                + distance + " px from (" + x + ", " + y + ")");
    }

    /**
     * Asserts that every orange pixel lies within a cif patch (4 cells, up to half a cell off
     * centre, plus half a cell of upsampling) of one of the field's keypoints.
     */
    private static void assertOrangeOnlyNear(BufferedImage png, List<FieldReadback.Point> keypoints, int field) {
        double reach = 2.5 * STRIDE;
        for (int py = 0; py < png.getHeight() - DebugPlots.TITLE_HEIGHT; py++) {
            for (int px = 0; px < png.getWidth(); px++) {
                if (!isOrange(rgb(png, px, py))) {
                    continue;
                }
                int x = px;
                int y = py;
                assertTrue(keypoints.stream().anyMatch(p -> Math.abs(p.x() - x) <= reach && Math.abs(p.y() - y) <= reach),
                        "field " + field + ": overlay at (" + x + ", " + y + "), far from its keypoints " + keypoints);
            }
        }
    }

    /** Share of orange pixels in the square of {@code radius} around image point {@code (x, y)}, clipped to the image. */
    private static double orangeFraction(BufferedImage png, double x, double y, int radius) {
        int orange = 0;
        int all = 0;
        for (int py = (int) Math.round(y) - radius; py <= Math.round(y) + radius; py++) {
            for (int px = (int) Math.round(x) - radius; px <= Math.round(x) + radius; px++) {
                if (px >= 0 && py >= 0 && px < png.getWidth() && py < png.getHeight() - DebugPlots.TITLE_HEIGHT) {
                    orange += isOrange(rgb(png, px, py)) ? 1 : 0;
                    all++;
                }
            }
        }
        return (double) orange / all;
    }

    /** Whether image point {@code (x, y)} shows the grey input dimmed to half, with no overlay. */
    private static boolean isPlainBackground(BufferedImage png, double x, double y) {
        int[] c = rgb(png, (int) Math.round(x), (int) Math.round(y));
        return isGrey(c) && Math.abs(c[0] - GREY / 2) <= 2;
    }

    private static boolean isOrange(int[] c) {
        return c[0] > c[1] + 30 && c[1] > c[2] + 30;
    }

    private static boolean isGrey(int[] c) {
        return Math.abs(c[0] - c[1]) <= 2 && Math.abs(c[1] - c[2]) <= 2;
    }

    /** Colour at image point {@code (x, y)}, below the title strip. */
    private static int[] rgb(BufferedImage png, int x, int y) {
        int argb = png.getRGB(x, DebugPlots.TITLE_HEIGHT + y);
        return new int[] {(argb >> 16) & 0xff, (argb >> 8) & 0xff, argb & 0xff};
    }
}
