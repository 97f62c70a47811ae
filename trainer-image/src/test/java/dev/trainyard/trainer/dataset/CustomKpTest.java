package dev.trainyard.trainer.dataset;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trainyard.trainer.BadInputException;
import dev.trainyard.trainer.data.Annotation;
import dev.trainyard.trainer.data.BatchLoader;
import dev.trainyard.trainer.data.ImageMeta;
import dev.trainyard.trainer.data.LoaderBatch;
import dev.trainyard.trainer.data.RgbImage;
import dev.trainyard.trainer.data.Sample;
import dev.trainyard.trainer.head.CafMeta;
import dev.trainyard.trainer.head.CifMeta;
import dev.trainyard.trainer.head.Connection;
import dev.trainyard.trainer.head.HeadMeta;
import dev.trainyard.trainer.head.Keypoint;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CustomKpTest {

    @TempDir
    Path dir;

    private static CustomKpOptions parse(String... args) {
        CustomKpOptions options = new CustomKpOptions();
        new CommandLine(options).parseArgs(args);
        return options;
    }

    private static List<String> pathArgs(LizardDataset data, String... more) {
        List<String> args = new ArrayList<>(List.of(
                "--custom-train-annotations", data.trainAnnotations.toString(),
                "--custom-val-annotations", data.valAnnotations.toString(),
                "--custom-train-image-dir", data.trainImages.toString(),
                "--custom-val-image-dir", data.valImages.toString()));
        args.addAll(List.of(more));
        return args;
    }

    private CustomKp module(String... more) {
        LizardDataset data = LizardDataset.write(dir, false);
        return parse(pathArgs(data, more).toArray(String[]::new)).create();
    }

    @Test
    void theGlobalEncoderFlagsReachTheCustomModule() {
        LizardDataset data = LizardDataset.write(dir, false);
        CustomKpOptions options = parse(pathArgs(data).toArray(String[]::new));
        options.useSharedEncoder(new dev.trainyard.trainer.encoder.EncoderConfig(0.1, 6, 5));
        assertEquals(new dev.trainyard.trainer.encoder.EncoderConfig(0.1, 6, 5), options.create().settings().encoder());
    }

    @Test
    void headsComeFromTheCategoryInTheTrainFile() {
        CustomKp custom = module("--custom-upsample", "2");
        List<HeadMeta> heads = custom.headMetas();

        assertEquals(2, heads.size());
        CifMeta cif = assertInstanceOf(CifMeta.class, heads.get(0));
        CafMeta caf = assertInstanceOf(CafMeta.class, heads.get(1));
        assertEquals("custom.cif", cif.fullName());
        assertEquals("custom.caf", caf.fullName());
        assertEquals(LizardDataset.KEYPOINTS, cif.keypoints());
        assertEquals(5, cif.nFields());
        assertEquals(Collections.nCopies(5, 0.05), cif.sigmas());
        assertEquals(List.of(new Connection(1, 2), new Connection(1, 3), new Connection(2, 4), new Connection(3, 5)),
                caf.skeleton());
        assertEquals(4, caf.nFields());
        assertEquals(caf.skeleton(), cif.drawSkeleton());
        assertEquals(8, cif.stride());
        assertEquals(LizardDataset.LIZARD, custom.keypoints().categoryId());
        assertSame(heads, custom.headMetas(), "the file is read once and the heads cached");
    }

    @Test
    void thePoseIsTheMeanLayoutUprightAroundTheBoxCentre() {
        List<Keypoint> pose = module().keypoints().pose();

        assertEquals(5, pose.size());
        // every lizard has the same layout relative to its 40x45 box centred at (cx, cy - 2.5)
        double unit = Math.sqrt(40 * 45) / MeanPose.SPAN;
        assertEquals(0, pose.get(0).x(), 1e-6);
        assertEquals(17.5 / unit, pose.get(0).y(), 1e-6, "the head is up");
        assertEquals(-15 / unit, pose.get(1).x(), 1e-6);
        assertEquals(-17.5 / unit, pose.get(4).y(), 1e-6, "the hind paws are down");
    }

    @Test
    void meanPoseSkipsCrowdsAndUnlabelledKeypoints() {
        float[] kps = {10, 10, 2, 30, 10, 0};
        Annotation labelled = new Annotation(1, 2, kps, new float[] {0, 0, 20, 20}, false, 400);
        Annotation crowd = new Annotation(2, 2, new float[] {0, 0, 2, 0, 0, 2}, new float[] {0, 0, 20, 20}, true, 400);

        List<Keypoint> pose = MeanPose.of(List.of(labelled, crowd), 2);

        assertEquals(new Keypoint(0, 0), pose.get(0), "centre of the box");
        assertEquals(new Keypoint(0, 0), pose.get(1), "never labelled: the centre");
    }

    @Test
    void aTrainBatchHasTargetsOfBothHeadsWhereTheLizardsAre() {
        CustomKp custom = module("--custom-square-edge", "129", "--custom-no-augmentation");
        List<HeadMeta> heads = custom.headMetas();

        try (BatchLoader<EncodedSample, HostBatch> loader = custom.trainLoader(heads, new LoaderSettings(3, 0, 1, true))) {
            assertEquals(1, loader.batchesPerEpoch(), "the image with a rock only is filtered out");
            List<LoaderBatch<HostBatch>> batches = new ArrayList<>();
            loader.epoch(0).forEach(batches::add);
            HostBatch batch = batches.getFirst().data();

            assertArrayEquals(new long[] {3, 3, 129, 129}, new long[] {batch.batchSize(), 3, batch.height(), batch.width()});
            assertArrayEquals(new long[] {3, 5, 5, 9, 9}, batch.targetShapes().get(0));
            assertArrayEquals(new long[] {3, 4, 9, 9, 9}, batch.targetShapes().get(1));
            for (int image = 0; image < 3; image++) {
                for (int field = 0; field < 5; field++) {
                    assertTrue(hasPositive(batch, 0, image, field), "cif field " + field + " of image " + image);
                }
                for (int field = 0; field < 4; field++) {
                    assertTrue(hasPositive(batch, 1, image, field), "caf field " + field + " of image " + image);
                }
            }
        }
    }

    @Test
    void augmentedTrainingAndValidationLoadersRun() {
        CustomKp custom = module("--custom-square-edge", "97", "--custom-orientation-invariant", "0.3",
                "--custom-blur", "0.2", "--custom-extended-scale");
        List<HeadMeta> heads = custom.headMetas();
        LoaderSettings settings = new LoaderSettings(2, 2, 5, true);
        for (BatchLoader<EncodedSample, HostBatch> loader :
                List.of(custom.trainLoader(heads, settings), custom.valLoader(heads, settings))) {
            try (loader) {
                int positive = 0;
                for (LoaderBatch<HostBatch> batch : loader.epoch(0)) {
                    assertArrayEquals(new long[] {2, 5, 5, 7, 7}, batch.data().targetShapes().get(0));
                    for (int image = 0; image < 2; image++) {
                        positive += hasPositive(batch.data(), 0, image, 0) ? 1 : 0;
                    }
                }
                assertTrue(positive > 0, "some head keypoint is encoded");
            }
        }
    }

    /** Whether the confidence channel of {@code field} of image {@code image} in head {@code head} has a 1. */
    private static boolean hasPositive(HostBatch batch, int head, int image, int field) {
        long[] shape = batch.targetShapes().get(head);
        int cells = (int) (shape[3] * shape[4]);
        int start = (int) ((((long) image * shape[1] + field) * shape[2]) * cells);
        float[] data = batch.targets().get(head);
        for (int i = start; i < start + cells; i++) {
            if (data[i] == 1.0f) {
                return true;
            }
        }
        return false;
    }

    @Test
    void theFlipSwapsLeftAndRightPawsByName() {
        CustomKeypoints keypoints = module().keypoints();
        assertEquals(Map.of("left_front_paw", "right_front_paw", "right_front_paw", "left_front_paw",
                "left_hind_paw", "right_hind_paw", "right_hind_paw", "left_hind_paw"), keypoints.hflip());

        float[] kps = LizardDataset.lizardKeypoints(50, 60);
        Annotation lizard = new Annotation(1, LizardDataset.LIZARD, kps, LizardDataset.lizardBox(50, 60), false, 1800);
        Sample sample = new Sample(new RgbImage(LizardDataset.WIDTH, LizardDataset.HEIGHT), List.of(lizard),
                ImageMeta.of(0, 1, "x.jpg", LizardDataset.WIDTH, LizardDataset.HEIGHT));

        Annotation flipped = keypoints.hflipTransform().apply(sample, new SplittableRandom(1)).annotations().getFirst();

        int w = LizardDataset.WIDTH;
        assertEquals(w - 1 - 50, flipped.x(0), "the head keeps its slot");
        // the right front paw (x = 65) mirrors to 94 and becomes the left front paw
        assertEquals(w - 1 - kps[3 * 2], flipped.x(1));
        assertEquals(w - 1 - kps[3 * 1], flipped.x(2));
        assertEquals(w - 1 - kps[3 * 4], flipped.x(3));
        assertEquals(kps[3 * 4 + 1], flipped.y(3));
    }

    @Test
    void missingPathFlagsAreNamedWhenTheModuleIsCreated() {
        CustomKpOptions none = parse();
        BadInputException all = assertThrows(BadInputException.class, none::create);
        for (String flag : List.of("--custom-train-annotations", "--custom-val-annotations",
                "--custom-train-image-dir", "--custom-val-image-dir")) {
            assertTrue(all.getMessage().contains(flag), all.getMessage());
        }

        LizardDataset data = LizardDataset.write(dir, false);
        List<String> args = pathArgs(data);
        args.subList(args.indexOf("--custom-val-image-dir"), args.size()).clear();
        BadInputException one = assertThrows(BadInputException.class, () -> parse(args.toArray(String[]::new)).create());
        assertEquals("--dataset custom needs --custom-val-image-dir DIR", one.getMessage());
    }

    @Test
    void aCategoryThatIsMissingOrHasNoKeypointsIsRejected() {
        BadInputException missing = assertThrows(BadInputException.class,
                () -> module("--custom-category-id", "9").headMetas());
        assertTrue(missing.getMessage().startsWith("--custom-category-id 9: "), missing.getMessage());
        assertTrue(missing.getMessage().contains("has no category 9; categories with keypoints: 2 'lizard'"),
                missing.getMessage());

        BadInputException rock = assertThrows(BadInputException.class,
                () -> module("--custom-category-id", "5").headMetas());
        assertTrue(rock.getMessage().contains("category 'rock'") && rock.getMessage().contains("has no keypoints"),
                rock.getMessage());
    }

    @Test
    void severalKeypointCategoriesNeedAChoice() {
        LizardDataset data = LizardDataset.write(dir, true);
        BadInputException e = assertThrows(BadInputException.class,
                () -> parse(pathArgs(data).toArray(String[]::new)).create().headMetas());
        assertTrue(e.getMessage().contains("2 categories with keypoints (2 'lizard', 7 'gecko')"), e.getMessage());
        assertTrue(e.getMessage().contains("choose one with --custom-category-id"), e.getMessage());

        CustomKp chosen = parse(pathArgs(data, "--custom-category-id", "2").toArray(String[]::new)).create();
        assertEquals(LizardDataset.LIZARD, chosen.keypoints().categoryId());
    }

    @Test
    void sigmasMustMatchTheKeypoints() {
        BadInputException count = assertThrows(BadInputException.class,
                () -> module("--custom-sigmas", "0.1,0.2,0.3").headMetas());
        assertTrue(count.getMessage().startsWith("--custom-sigmas has 3 values, category 2 'lizard' in "),
                count.getMessage());
        assertTrue(count.getMessage().endsWith("has 5 keypoints " + LizardDataset.KEYPOINTS), count.getMessage());

        BadInputException negative = assertThrows(BadInputException.class,
                () -> module("--custom-sigmas", "0.1,0.2,-0.3,0.1,0.1"));
        assertTrue(negative.getMessage().startsWith("--custom-sigmas must be positive"), negative.getMessage());

        CifMeta cif = (CifMeta) module("--custom-sigmas", "0.1,0.2,0.3,0.4,0.5").headMetas().getFirst();
        assertEquals(List.of(0.1, 0.2, 0.3, 0.4, 0.5), cif.sigmas());
    }

    @Test
    void augmentationFlagsAreCheckedUnderTheirOwnNames() {
        BadInputException e = assertThrows(BadInputException.class,
                () -> module("--custom-orientation-invariant", "0.7"));
        assertEquals("--custom-orientation-invariant must be in [0, 0.6], got 0.7", e.getMessage());
        BadInputException upsample = assertThrows(BadInputException.class, () -> module("--custom-upsample", "4"));
        assertEquals("--custom-upsample must be 1 or 2, got 4", upsample.getMessage());
    }

    @Test
    void defaultsFollowCocokp() {
        CustomKpSettings settings = module().settings();
        assertEquals(385, settings.augmentation().squareEdge());
        assertTrue(settings.augmentation().augmentation());
        assertFalse(settings.augmentation().extendedScale());
        assertEquals(1, settings.upsample());
        assertTrue(settings.categoryId().isEmpty());
        assertTrue(settings.sigmas().isEmpty());
    }
}
