package dev.trainyard.trainer.dataset;

import dev.trainyard.trainer.data.BatchLoader;
import dev.trainyard.trainer.data.CocoDataset;
import dev.trainyard.trainer.data.CocoFilter;
import dev.trainyard.trainer.data.SampleSource;
import dev.trainyard.trainer.encoder.EncoderConfig;
import dev.trainyard.trainer.encoder.FieldEncoder;
import dev.trainyard.trainer.encoder.FieldEncoders;
import dev.trainyard.trainer.head.CocoHeads;
import dev.trainyard.trainer.head.HeadMeta;
import dev.trainyard.trainer.transform.TrainTransforms;
import dev.trainyard.trainer.transform.Transform;
import java.util.List;

/**
 * The {@code cocodet} data module, as the reference's: one {@code cifdet} head over the COCO
 * categories, and loaders that read COCO instance boxes of every category, augment, encode and batch.
 */
public final class CocoDet implements DataModule {

    /** The {@code --dataset} name. */
    public static final String NAME = "cocodet";

    private final CocoDetSettings settings;

    public CocoDet(CocoDetSettings settings) {
        this.settings = settings;
    }

    public CocoDetSettings settings() {
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

    /** The {@code cifdet} head at the nominal backbone stride 16. */
    @Override
    public List<HeadMeta> headMetas() {
        return CocoHeads.detection(NOMINAL_BASE_STRIDE, settings.upsample());
    }

    /**
     * The reference's cocodet evaluation: the val images of every category (with the annotation
     * filter only images with an annotation), long edge 641 by default, box metric.
     */
    @Override
    public EvalSet evalSet(EvalSettings eval) {
        CocoFilter filter = eval.annotationFilter() ? CocoFilter.detection() : CocoFilter.none();
        return ModuleLoaders.evalSet(NAME, settings.valAnnotations(), settings.valImageDir(), filter, "bbox", eval);
    }

    @Override
    public BatchLoader<EncodedSample, HostBatch> trainLoader(List<HeadMeta> heads, LoaderSettings loader) {
        return loader(openTrain(), heads, loader);
    }

    @Override
    public BatchLoader<EncodedSample, HostBatch> valLoader(List<HeadMeta> heads, LoaderSettings loader) {
        return loader(openVal(), heads, loader);
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
     * Augments, encodes and batches {@code source} for {@code heads}, dropping the incomplete last batch;
     * shuffled unless augmentation is off or the settings say not to (debugging).
     */
    public BatchLoader<EncodedSample, HostBatch> loader(
            SampleSource source, List<HeadMeta> heads, LoaderSettings loader) {
        Transform transform = TrainTransforms.cocodet(settings.augmentation());
        // The keypoint encoder settings do not apply; the detection b_min has no flag in the reference.
        List<FieldEncoder> encoders = FieldEncoders.forHeads(heads, EncoderConfig.DEFAULT);
        long seed = loader.seed();
        return ModuleLoaders.batches(source,
                (index, epoch) -> ModuleLoaders.encode(transform, encoders, seed, source.load(index), epoch, index),
                loader, settings.augmentation().augmentation());
    }
}
