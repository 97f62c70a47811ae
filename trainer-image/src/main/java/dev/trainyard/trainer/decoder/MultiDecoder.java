package dev.trainyard.trainer.decoder;

import dev.trainyard.trainer.head.HeadMeta;
import java.util.List;
import java.util.stream.Collectors;

/** Several requested decoders run on the same image, their predictions concatenated (the reference's {@code Multi}). */
public final class MultiDecoder implements Decoder {

    private final List<Decoder> decoders;
    private final List<HeadMeta> networkHeads;
    private final List<Integer> headIndices;

    MultiDecoder(List<Decoder> decoders, List<HeadMeta> networkHeads) {
        this.decoders = List.copyOf(decoders);
        this.networkHeads = List.copyOf(networkHeads);
        this.headIndices = decoders.stream().flatMap(d -> d.headIndices().stream()).distinct().sorted().toList();
    }

    public List<Decoder> decoders() {
        return decoders;
    }

    @Override
    public List<HeadMeta> networkHeads() {
        return networkHeads;
    }

    @Override
    public List<Integer> headIndices() {
        return headIndices;
    }

    @Override
    public String describe() {
        return decoders.stream().map(Decoder::describe).collect(Collectors.joining(", "));
    }

    @Override
    public Predictions decode(Fields fields) {
        Predictions all = Predictions.EMPTY;
        for (Decoder decoder : decoders) {
            all = all.concat(decoder.decode(fields));
        }
        return all;
    }
}
