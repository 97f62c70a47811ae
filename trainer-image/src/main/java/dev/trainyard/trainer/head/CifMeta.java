package dev.trainyard.trainer.head;

import java.util.List;

/**
 * Composite Intensity Field: one field per keypoint with confidence, one regression vector and
 * one scale.
 *
 * @param keypoints keypoint names, one field each
 * @param sigmas per-keypoint OKS sigmas (keypoint scale = instance scale x sigma)
 * @param pose upright reference pose used for the instance scale, one point per keypoint
 * @param drawSkeleton connections drawn when visualising
 * @param scoreWeights weights of the sorted keypoint confidences in the instance score
 */
public record CifMeta(
        String name,
        String dataset,
        List<String> keypoints,
        List<Double> sigmas,
        List<Keypoint> pose,
        List<Connection> drawSkeleton,
        List<Double> scoreWeights,
        int baseStride,
        int upsample,
        List<Double> trainingWeights)
        implements HeadMeta {

    public CifMeta {
        keypoints = List.copyOf(keypoints);
        sigmas = List.copyOf(sigmas);
        pose = List.copyOf(pose);
        drawSkeleton = List.copyOf(drawSkeleton);
        scoreWeights = List.copyOf(scoreWeights);
        trainingWeights = List.copyOf(trainingWeights);
        HeadMeta.checkStrides(baseStride, upsample);
        if (sigmas.size() != keypoints.size() || pose.size() != keypoints.size()) {
            throw new IllegalArgumentException("cif " + name + ": sigmas and pose need one entry per keypoint");
        }
        if (!trainingWeights.isEmpty() && trainingWeights.size() != keypoints.size()) {
            throw new IllegalArgumentException("cif " + name + ": training weights need one entry per keypoint");
        }
    }

    @Override
    public int nFields() {
        return keypoints.size();
    }

    @Override
    public int nConfidences() {
        return 1;
    }

    @Override
    public int nVectors() {
        return 1;
    }

    @Override
    public int nScales() {
        return 1;
    }

    @Override
    public CifMeta withStrides(int baseStride, int upsample) {
        return new CifMeta(name, dataset, keypoints, sigmas, pose, drawSkeleton, scoreWeights,
                baseStride, upsample, trainingWeights);
    }
}
