package dev.trainyard.trainer.dataset;

import dev.trainyard.trainer.data.BatchLoader;
import dev.trainyard.trainer.data.CocoDataset;
import dev.trainyard.trainer.data.CocoFilter;
import dev.trainyard.trainer.data.Sample;
import dev.trainyard.trainer.data.SampleSource;
import dev.trainyard.trainer.encoder.FieldEncoder;
import dev.trainyard.trainer.encoder.FieldEncoders;
import dev.trainyard.trainer.head.CocoHeads;
import dev.trainyard.trainer.head.HeadMeta;
import dev.trainyard.trainer.transform.TrainTransforms;
import dev.trainyard.trainer.transform.Transform;
import java.util.List;

/**
 * The {@code cocokp} data module, as the reference's: its heads (cif, caf, optionally caf25), and
 * train/val loaders that read COCO keypoint data, augment, encode and batch.
 */
public final class CocoKp implements DataModule {

    /** The {@code --dataset} name. */
    public static final String NAME = "cocokp";

    private final CocoKpSettings settings;

    public CocoKp(CocoKpSettings settings) {
        this.settings = settings;
    }

    public CocoKpSettings settings() {
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

    @Override
    public BatchLoader<EncodedSample, HostBatch> trainLoader(List<HeadMeta> heads, LoaderSettings loader) {
        return loader(openTrain(), heads, loader);
    }

    @Override
    public BatchLoader<EncodedSample, HostBatch> valLoader(List<HeadMeta> heads, LoaderSettings loader) {
        return loader(openVal(), heads, loader);
    }

    /**
     * The module's head descriptors at the nominal backbone stride 16; a network built with them
     * sets its backbone's actual stride ({@code PoseNetwork.headMetas()}).
     */
    @Override
    public List<HeadMeta> headMetas() {
        return CocoHeads.keypoints(NOMINAL_BASE_STRIDE, settings.upsample(), settings.withDense());
    }

    /**
     * The reference's cocokp evaluation: the val images (persons; with the annotation filter only
     * images with a keypoint annotation), long edge 641 by default, keypoint metric; or all images
     * of a test split.
     */
    @Override
    public EvalSet evalSet(EvalSettings eval) {
        CocoKpSettings.EvalSplit split = settings.evalSplit();
        if (split.isTest()) {
            // image info only: every image is evaluated, as the reference turns the filter off
            return ModuleLoaders.evalSet(NAME, split.annotations(), split.imageDir(), CocoFilter.none(), "keypoints",
                    eval);
        }
        // without the filter the reference also drops the category selection: every image counts
        CocoFilter filter = eval.annotationFilter() ? settings.filter() : CocoFilter.none();
        return ModuleLoaders.evalSet(NAME, settings.valAnnotations(), settings.valImageDir(), filter, "keypoints", eval);
    }

    @Override
    public String evalVariant() {
        return settings.evalSplit().isTest() ? "-" + settings.evalSplit().name() : "";
    }

    /** Opens the training images (annotation file parsed and filtered now; images decoded on demand). */
    public SampleSource openTrain() {
        return CocoDataset.open(settings.trainAnnotations(), settings.trainImageDir(), settings.filter());
    }

    /** Opens the validation images. */
    public SampleSource openVal() {
        return CocoDataset.open(settings.valAnnotations(), settings.valImageDir(), settings.filter());
    }

    /**
     * The per-sample training pipeline: transforms in the reference order, then one encoder per head.
     * Reproducible: the sample's random generator depends only on (seed, epoch, index).
     */
    public Preprocess preprocess(List<HeadMeta> heads, long seed) {
        Transform transform = TrainTransforms.cocokp(settings.augmentation());
        List<FieldEncoder> encoders = FieldEncoders.forHeads(heads, settings.encoder());
        return (sample, epoch, index) -> ModuleLoaders.encode(transform, encoders, seed, sample, epoch, index);
    }

    /**
     * A shuffling loader over {@code source} that drops the incomplete last batch, as the reference's
     * train and val loaders (unshuffled when augmentation is off or while debugging, as the reference's).
     */
    public BatchLoader<EncodedSample, HostBatch> loader(
            SampleSource source, List<HeadMeta> heads, LoaderSettings loader) {
        Preprocess preprocess = preprocess(heads, loader.seed());
        return ModuleLoaders.batches(source, (index, epoch) -> preprocess.apply(source.load(index), epoch, index),
                loader, settings.augmentation().augmentation());
    }

    /** Transforms and encodes one sample of a given epoch and dataset index. */
    @FunctionalInterface
    public interface Preprocess {
        EncodedSample apply(Sample sample, int epoch, int index);
    }
}
