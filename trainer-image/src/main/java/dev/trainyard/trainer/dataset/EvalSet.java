package dev.trainyard.trainer.dataset;

import dev.trainyard.trainer.data.BatchLoader;
import java.nio.file.Path;
import java.util.List;

/**
 * What evaluating a dataset needs: the ground-truth annotation file for the metric, the metric's
 * kind, and a loader of the evaluation images (preprocessed, no targets; metas map predictions back).
 *
 * @param iouType {@code keypoints} or {@code bbox}
 * @param imageIds the evaluated images, in loader order
 */
public record EvalSet(
        String dataset, Path annotations, String iouType, List<Long> imageIds,
        BatchLoader<EncodedSample, HostBatch> loader) implements AutoCloseable {

    public EvalSet {
        imageIds = List.copyOf(imageIds);
    }

    @Override
    public void close() {
        loader.close();
    }
}
