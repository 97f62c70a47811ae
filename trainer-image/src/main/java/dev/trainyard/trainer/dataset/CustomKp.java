package dev.trainyard.trainer.dataset;

import dev.trainyard.trainer.data.BatchLoader;
import dev.trainyard.trainer.data.CocoAnnotationFile;
import dev.trainyard.trainer.data.CocoDataset;
import dev.trainyard.trainer.data.SampleSource;
import dev.trainyard.trainer.encoder.FieldEncoder;
import dev.trainyard.trainer.encoder.FieldEncoders;
import dev.trainyard.trainer.head.HeadMeta;
import dev.trainyard.trainer.transform.TrainTransforms;
import dev.trainyard.trainer.transform.Transform;
import java.util.List;

/**
 * The {@code custom} data module: a COCO-format keypoint dataset with its own skeleton (animals,
 * cars, ...), trained with {@code cif} and {@code caf} heads built from the train file's category
 * and augmented as {@code cocokp}.
 *
 * <p>The train annotation file is read once, on the first call that needs it ({@link #headMetas()},
 * a loader), and kept: the heads come from its category, and the train loader reuses it.
 */
public final class CustomKp implements DataModule {

    /** The {@code --dataset} name. */
    public static final String NAME = "custom";

    private final CustomKpSettings settings;
    private Loaded loaded;

    /** The parsed train file with the skeleton chosen from it, and the heads built from that. */
    private record Loaded(CocoAnnotationFile trainFile, CustomKeypoints keypoints, List<HeadMeta> heads) {}

    public CustomKp(CustomKpSettings settings) {
        this.settings = settings;
    }

    public CustomKpSettings settings() {
        return settings;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int squareEdge() {
        return settings.augmentation().squareEdge();
    }

    /**
     * The {@code cif} and {@code caf} heads at the nominal backbone stride 16; the first call reads the
     * train annotations.
     *
     * @throws dev.trainyard.trainer.BadInputException for an unreadable file, or a category or sigmas
     *     that do not fit it
     */
    @Override
    public List<HeadMeta> headMetas() {
        return loaded().heads();
    }

    /** The skeleton chosen from the train annotations; the first call reads them. */
    public CustomKeypoints keypoints() {
        return loaded().keypoints();
    }

    @Override
    public BatchLoader<EncodedSample, HostBatch> trainLoader(List<HeadMeta> heads, LoaderSettings loader) {
        return loader(openTrain(), heads, loader);
    }

    @Override
    public BatchLoader<EncodedSample, HostBatch> valLoader(List<HeadMeta> heads, LoaderSettings loader) {
        return loader(openVal(), heads, loader);
    }

    /** Opens the training images of the chosen category (images decoded on demand). */
    public SampleSource openTrain() {
        Loaded l = loaded();
        return new CocoDataset(l.trainFile(), settings.trainImageDir(), settings.filter(l.keypoints().categoryId()));
    }

    /** Opens the validation images; their file must define the same category with the same keypoints. */
    public SampleSource openVal() {
        CustomKeypoints keypoints = keypoints();
        CocoAnnotationFile file = CocoAnnotationFile.read(settings.valAnnotations());
        keypoints.checkSameCategory(file);
        return new CocoDataset(file, settings.valImageDir(), settings.filter(keypoints.categoryId()));
    }

    /** Augments as {@code cocokp} (flipping by this skeleton's left/right names), encodes and batches. */
    public BatchLoader<EncodedSample, HostBatch> loader(
            SampleSource source, List<HeadMeta> heads, LoaderSettings loader) {
        Transform transform = TrainTransforms.keypoints(settings.augmentation(), keypoints().hflipTransform());
        List<FieldEncoder> encoders = FieldEncoders.forHeads(heads, settings.encoder());
        long seed = loader.seed();
        return ModuleLoaders.batches(source,
                (index, epoch) -> ModuleLoaders.encode(transform, encoders, seed, source.load(index), epoch, index),
                loader, settings.augmentation().augmentation());
    }

    private synchronized Loaded loaded() {
        if (loaded == null) {
            CocoAnnotationFile file = CocoAnnotationFile.read(settings.trainAnnotations());
            CustomKeypoints keypoints = CustomKeypoints.of(file, settings.categoryId(), settings.sigmas());
            loaded = new Loaded(file, keypoints, keypoints.heads(NOMINAL_BASE_STRIDE, settings.upsample()));
        }
        return loaded;
    }
}
