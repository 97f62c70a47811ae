package dev.trainyard.trainer.dataset;

import dev.trainyard.trainer.BadInputException;
import dev.trainyard.trainer.data.BatchLoader;
import dev.trainyard.trainer.data.CocoDataset;
import dev.trainyard.trainer.data.CocoFilter;
import dev.trainyard.trainer.data.Sample;
import dev.trainyard.trainer.data.SampleSource;
import dev.trainyard.trainer.encoder.FieldEncoder;
import dev.trainyard.trainer.encoder.FieldTargets;
import dev.trainyard.trainer.transform.EvalTransforms;
import dev.trainyard.trainer.transform.SampleRandom;
import dev.trainyard.trainer.transform.Transform;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The sample pipeline and batching that every data module shares; modules differ in transforms and heads. */
final class ModuleLoaders {

    private ModuleLoaders() {}

    /**
     * Transforms a sample, then encodes it once per head. Reproducible: the random generator
     * depends only on (seed, epoch, index).
     *
     * @return the normalised image {@code [3, h, w]} with one target {@code [fields, channels, h', w']} per encoder
     */
    static EncodedSample encode(Transform transform, List<FieldEncoder> encoders, long seed,
                                Sample sample, int epoch, int index) {
        Sample out = transform.apply(sample, SampleRandom.of(seed, epoch, index));
        List<FieldTargets> targets = new ArrayList<>(encoders.size());
        for (FieldEncoder encoder : encoders) {
            targets.add(encoder.encode(out));
        }
        return new EncodedSample(out.image().data(), out.image().height(), out.image().width(), targets, out.meta());
    }

    /**
     * A loader over {@code source} that drops the incomplete last batch, as the reference's train and
     * val loaders; it shuffles only when the module augments and the settings allow it (not while
     * debugging), as the reference's.
     *
     * @throws BadInputException when the source has fewer images than one batch
     */
    static BatchLoader<EncodedSample, HostBatch> batches(
            SampleSource source, BatchLoader.ItemLoader<EncodedSample> items, LoaderSettings loader,
            boolean augmentation) {
        int batchSize = loader.batchSize();
        if (source.size() / loader.shardCount() < batchSize) {
            // With drop_last an epoch would have no batch at all.
            throw new BadInputException(describe(source) + " has " + source.size() + " images after filtering, "
                    + (loader.shardCount() == 1 ? "fewer than --batch-size " + batchSize
                            : "fewer than " + loader.shardCount() + " processes x --batch-size " + batchSize));
        }
        BatchLoader.Builder<EncodedSample, HostBatch> builder = BatchLoader.<EncodedSample, HostBatch>builder(
                        source.size(), items, HostBatch::collate)
                .batchSize(batchSize)
                .dropLast(true)
                .shard(loader.shardIndex(), loader.shardCount())
                .workers(loader.workers());
        if (augmentation && loader.shuffle()) {
            builder.shuffle(loader.seed());
        }
        return builder.build();
    }

    private static String describe(SampleSource source) {
        return source instanceof CocoDataset coco ? coco.annotationFile().path().toString() : "the dataset";
    }

    /**
     * The evaluation set of the reference: the filtered images of an annotation file in file order (the first
     * {@code maxImages}), the evaluation preprocessing, no targets, incomplete last batch kept.
     */
    static EvalSet evalSet(String dataset, Path annotations, Path imageDir, CocoFilter filter, String iouType,
                           EvalSettings settings) {
        CocoDataset source = CocoDataset.open(annotations, imageDir, filter);
        Transform transform = EvalTransforms.coco(settings.longEdge(), settings.batchSize(), settings.extendedScale(),
                settings.orientationInvariant());
        int n = settings.maxImages() > 0 ? Math.min(settings.maxImages(), source.size()) : source.size();
        if (n == 0) {
            throw new BadInputException(annotations + " has no images to evaluate"
                    + (settings.annotationFilter() ? " (try --coco-no-eval-annotation-filter)" : ""));
        }
        List<Long> ids = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            ids.add(source.image(i).id());
        }
        BatchLoader<EncodedSample, HostBatch> loader = BatchLoader.<EncodedSample, HostBatch>builder(n,
                        (index, epoch) -> {
                            Sample out = transform.apply(source.load(index), SampleRandom.of(0, 0, index));
                            return new EncodedSample(out.image().data(), out.image().height(), out.image().width(),
                                    List.of(), out.meta());
                        }, HostBatch::collate)
                .batchSize(settings.batchSize())
                .dropLast(false)
                .workers(settings.workers())
                .build();
        return new EvalSet(dataset, annotations, iouType, ids, loader);
    }
}
