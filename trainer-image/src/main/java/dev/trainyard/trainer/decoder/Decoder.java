package dev.trainyard.trainer.decoder;

import ai.djl.ndarray.NDList;
import dev.trainyard.trainer.head.HeadMeta;
import java.util.List;

/**
 * Turns the fields of one image into poses or boxes. Created by {@link Decoders#create};
 * implementations are thread-safe (each thread gets its own work buffers).
 */
public sealed interface Decoder permits CifCafDecoder, CifDetDecoder, MultiDecoder {

    /** The network's heads, in output order, that this decoder was created for. */
    List<HeadMeta> networkHeads();

    /** Indices of the network heads this decoder reads. */
    List<Integer> headIndices();

    /** The {@code --decoder} spec and heads, e.g. {@code cifcaf:0 (cocokp.cif + cocokp.caf)}. */
    String describe();

    /**
     * Decodes one image.
     *
     * @param fields the image's fields; at least the heads of {@link #headIndices()}
     * @return poses and boxes in input-image pixels, best first
     */
    Predictions decode(Fields fields);

    /**
     * Decodes every image of a network output.
     *
     * @param outputs one raw {@code [batch, fields, predictionChannels, h, w]} array per network head
     * @return one result per image, in input-image pixels (map them back with {@link Predictions#toOriginal})
     */
    default List<Predictions> decodeBatch(NDList outputs) {
        return Fields.ofBatch(outputs, networkHeads(), headIndices()).stream().map(this::decode).toList();
    }
}
