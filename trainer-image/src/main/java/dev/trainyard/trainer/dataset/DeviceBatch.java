package dev.trainyard.trainer.dataset;

import ai.djl.ndarray.NDArray;
import dev.trainyard.trainer.data.ImageMeta;
import java.util.List;

/**
 * A batch as tensors: the input {@code [batch, 3, h, w]} and per head the targets
 * {@code [batch, fields, channels, h', w']}; a null target means the head gets no loss.
 */
public record DeviceBatch(NDArray images, List<NDArray> targets, List<ImageMeta> metas) {

    public DeviceBatch {
        targets = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(targets));
    }

    public int size() {
        return metas.size();
    }
}
