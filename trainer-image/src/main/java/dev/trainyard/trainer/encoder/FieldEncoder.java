package dev.trainyard.trainer.encoder;

import dev.trainyard.trainer.data.Sample;
import dev.trainyard.trainer.head.HeadMeta;

/** Turns a transformed sample into the training targets of one head. Implementations are thread-safe. */
public interface FieldEncoder {

    HeadMeta meta();

    /**
     * Encodes the sample's annotations for an input of the sample image's size.
     *
     * @return targets {@code [fields, targetChannels, (h - 1) / stride + 1, (w - 1) / stride + 1]}
     */
    FieldTargets encode(Sample sample);
}
