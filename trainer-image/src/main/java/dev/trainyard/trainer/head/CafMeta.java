package dev.trainyard.trainer.head;

import java.util.List;

/**
 * Composite Association Field: one field per skeleton connection with confidence, two regression
 * vectors (to both joints) and two scales.
 *
 * @param skeleton the connections, one field each
 * @param sparseSkeleton for a dense head: the sparse skeleton whose short connections suppress a
 *     dense one (empty for a sparse head)
 * @param denseToSparseRadius a dense connection is skipped when both joints have a sparse
 *     connection shorter than its length divided by this
 * @param onlyInFieldOfView encode only connections with both joints inside the image
 */
public record CafMeta(
        String name,
        String dataset,
        List<String> keypoints,
        List<Double> sigmas,
        List<Keypoint> pose,
        List<Connection> skeleton,
        List<Connection> sparseSkeleton,
        double denseToSparseRadius,
        boolean onlyInFieldOfView,
        int baseStride,
        int upsample,
        List<Double> trainingWeights)
        implements HeadMeta {

    public CafMeta {
        keypoints = List.copyOf(keypoints);
        sigmas = List.copyOf(sigmas);
        pose = List.copyOf(pose);
        skeleton = List.copyOf(skeleton);
        sparseSkeleton = List.copyOf(sparseSkeleton);
        trainingWeights = List.copyOf(trainingWeights);
        HeadMeta.checkStrides(baseStride, upsample);
        if (sigmas.size() != keypoints.size() || pose.size() != keypoints.size()) {
            throw new IllegalArgumentException("caf " + name + ": sigmas and pose need one entry per keypoint");
        }
        for (Connection c : skeleton) {
            if (c.from() > keypoints.size() || c.to() > keypoints.size()) {
                throw new IllegalArgumentException("caf " + name + ": connection " + c + " refers to a missing keypoint");
            }
        }
        if (!trainingWeights.isEmpty() && trainingWeights.size() != skeleton.size()) {
            throw new IllegalArgumentException("caf " + name + ": training weights need one entry per connection");
        }
    }

    /** True for a dense-connections head (it has a sparse skeleton to compare against). */
    public boolean dense() {
        return !sparseSkeleton.isEmpty();
    }

    @Override
    public int nFields() {
        return skeleton.size();
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
        return 2;
    }

    @Override
    public CafMeta withStrides(int baseStride, int upsample) {
        return new CafMeta(name, dataset, keypoints, sigmas, pose, skeleton, sparseSkeleton,
                denseToSparseRadius, onlyInFieldOfView, baseStride, upsample, trainingWeights);
    }
}
