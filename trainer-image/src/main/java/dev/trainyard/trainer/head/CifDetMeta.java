package dev.trainyard.trainer.head;

import java.util.List;

/**
 * CIF for detection: one field per category with confidence, a centre-offset vector and a
 * width/height vector; no scales.
 *
 * @param categories category names; field i is COCO category id i + 1
 */
public record CifDetMeta(
        String name, String dataset, List<String> categories, int baseStride, int upsample,
        List<Double> trainingWeights)
        implements HeadMeta {

    public CifDetMeta {
        categories = List.copyOf(categories);
        trainingWeights = List.copyOf(trainingWeights);
        HeadMeta.checkStrides(baseStride, upsample);
        if (!trainingWeights.isEmpty() && trainingWeights.size() != categories.size()) {
            throw new IllegalArgumentException("cifdet " + name + ": training weights need one entry per category");
        }
    }

    @Override
    public int nFields() {
        return categories.size();
    }

    @Override
    public int nConfidences() {
        return 1;
    }

    @Override
    public int nVectors() {
        return 2;
    }

    @Override
    public int nScales() {
        return 0;
    }

    @Override
    public CifDetMeta withStrides(int baseStride, int upsample) {
        return new CifDetMeta(name, dataset, categories, baseStride, upsample, trainingWeights);
    }
}
