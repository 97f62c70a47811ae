package dev.trainyard.trainer.dataset;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trainyard.trainer.BadInputException;
import dev.trainyard.trainer.data.BatchLoader;
import dev.trainyard.trainer.data.ImageSizeRange;
import dev.trainyard.trainer.data.LoaderBatch;
import dev.trainyard.trainer.data.SyntheticPeople;
import dev.trainyard.trainer.encoder.CifDetEncoder;
import dev.trainyard.trainer.head.CifDetMeta;
import dev.trainyard.trainer.head.CocoConstants;
import dev.trainyard.trainer.head.HeadMeta;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CocoDetTest {

    private static final int CHANNELS = 7;

    @TempDir
    Path dir;

    private static CocoDetOptions parse(String... args) {
        CocoDetOptions options = new CocoDetOptions();
        new CommandLine(options).parseArgs(args);
        return options;
    }

    private CocoDet syntheticPeople(String... args) {
        SyntheticPeople.generate(dir, new SyntheticPeople.Options(4, 2, 3, new ImageSizeRange(160, 120, 200, 160), false),
                SyntheticPeople.Progress.NONE);
        CocoDetOptions options = parse(args);
        options.useDatasetRoot(dir);
        return options.create();
    }

    @Test
    void defaultsAreTheReferences() {
        CocoDetSettings settings = parse().toSettings();
        assertEquals(Path.of("data-mscoco/annotations/instances_train2017.json"), settings.trainAnnotations());
        assertEquals(Path.of("data-mscoco/annotations/instances_val2017.json"), settings.valAnnotations());
        assertEquals(Path.of("data-mscoco/images/train2017/"), settings.trainImageDir());
        assertEquals(513, settings.augmentation().squareEdge());
        assertTrue(settings.augmentation().augmentation());
        assertFalse(settings.augmentation().extendedScale());
        assertEquals(1, settings.upsample());
    }

    @Test
    void theHeadIsCifDetOverTheCocoCategories() {
        List<HeadMeta> heads = parse("--cocodet-upsample", "2").create().headMetas();

        assertEquals(1, heads.size());
        CifDetMeta cifdet = assertInstanceOf(CifDetMeta.class, heads.getFirst());
        assertEquals("cocodet.cifdet", cifdet.fullName());
        assertEquals(CocoConstants.CATEGORIES, cifdet.categories());
        assertEquals(CocoConstants.CATEGORIES.size(), cifdet.nFields());
        assertEquals(CHANNELS, cifdet.targetChannels());
        assertEquals(8, cifdet.stride());
    }

    @Test
    void aTrainBatchOfSyntheticPeopleHasPersonBoxesOnly() {
        CocoDet cocodet = syntheticPeople("--cocodet-square-edge", "129", "--cocodet-no-augmentation");
        List<HeadMeta> heads = cocodet.headMetas();

        try (BatchLoader<EncodedSample, HostBatch> loader = cocodet.trainLoader(heads, new LoaderSettings(2, 0, 1, true))) {
            assertEquals(2, loader.batchesPerEpoch());
            for (LoaderBatch<HostBatch> batch : loader.epoch(0)) {
                HostBatch b = batch.data();
                assertArrayEquals(new long[] {2, 91, CHANNELS, 9, 9}, b.targetShapes().getFirst());
                for (int image = 0; image < 2; image++) {
                    assertTrue(positives(b, image, 0) > 0, "a person centre in image " + image);
                    for (int field = 1; field < 91; field++) {
                        assertEquals(0, positives(b, image, field), "category field " + field);
                    }
                }
            }
        }
    }

    @Test
    void everyCategoryIsUsedAndImagesNeedANonCrowdObject() {
        LizardDataset data = LizardDataset.write(dir, false);
        CocoDet cocodet = parse(
                "--cocodet-train-annotations", data.trainAnnotations.toString(),
                "--cocodet-train-image-dir", data.trainImages.toString(),
                "--cocodet-val-annotations", data.valAnnotations.toString(),
                "--cocodet-val-image-dir", data.valImages.toString(),
                "--cocodet-square-edge", "161", "--cocodet-no-augmentation").create();

        assertEquals(4, cocodet.openTrain().size(), "the image with a rock only counts too");
        try (BatchLoader<EncodedSample, HostBatch> loader =
                cocodet.trainLoader(cocodet.headMetas(), new LoaderSettings(4, 0, 1, false))) {
            HostBatch b = loader.epoch(0).next().data();
            // image 1: two lizards and a rock; image 4: a rock only
            assertTrue(positives(b, 0, LizardDataset.LIZARD - 1) > 0);
            assertTrue(positives(b, 0, LizardDataset.ROCK - 1) > 0);
            assertEquals(0, positives(b, 3, LizardDataset.LIZARD - 1));
            assertTrue(positives(b, 3, LizardDataset.ROCK - 1) > 0);
        }
    }

    @Test
    void augmentedLoadersRunAndKeepTheirShape() {
        CocoDet cocodet = syntheticPeople("--cocodet-square-edge", "97", "--cocodet-orientation-invariant", "0.8",
                "--cocodet-blur", "0.5", "--cocodet-extended-scale");
        List<HeadMeta> heads = cocodet.headMetas();
        LoaderSettings settings = new LoaderSettings(2, 2, 7, true);
        try (BatchLoader<EncodedSample, HostBatch> train = cocodet.trainLoader(heads, settings);
                BatchLoader<EncodedSample, HostBatch> val = cocodet.valLoader(heads, settings)) {
            int personCentres = 0;
            for (BatchLoader<EncodedSample, HostBatch> loader : List.of(train, val)) {
                for (LoaderBatch<HostBatch> batch : loader.epoch(0)) {
                    assertArrayEquals(new long[] {2, 91, CHANNELS, 7, 7}, batch.data().targetShapes().getFirst());
                    personCentres += positives(batch.data(), 0, 0) + positives(batch.data(), 1, 0);
                }
            }
            assertTrue(personCentres > 0);
        }
    }

    @Test
    void badFlagsAreNamed() {
        BadInputException rotation = assertThrows(BadInputException.class,
                () -> parse("--cocodet-orientation-invariant", "0.9").create());
        assertEquals("--cocodet-orientation-invariant must be in [0, 0.8], got 0.9", rotation.getMessage());
        BadInputException upsample = assertThrows(BadInputException.class,
                () -> parse("--cocodet-upsample", "3").create());
        assertEquals("--cocodet-upsample must be 1 or 2, got 3", upsample.getMessage());
        BadInputException edge = assertThrows(BadInputException.class,
                () -> parse("--cocodet-square-edge", "0").create());
        assertEquals("--cocodet-square-edge must be positive, got 0", edge.getMessage());
    }

    /** Cells with confidence 1 in the given category field of an image. */
    private static int positives(HostBatch batch, int image, int field) {
        long[] shape = batch.targetShapes().getFirst();
        int cells = (int) (shape[3] * shape[4]);
        int start = (int) ((((long) image * shape[1] + field) * shape[2] + CifDetEncoder.C) * cells);
        float[] data = batch.targets().getFirst();
        int n = 0;
        for (int i = start; i < start + cells; i++) {
            n += data[i] == 1.0f ? 1 : 0;
        }
        return n;
    }
}
