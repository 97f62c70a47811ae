package dev.trainyard.trainer.decoder;

import java.util.Arrays;

/**
 * Grows a pose from its known joints along the skeleton, best candidate first, as the reference's
 * C++ {@code CifCaf::_grow}: a connection's joint is computed when its candidate first reaches the
 * top of the frontier and re-queued with its own score, so joints are accepted in score order.
 *
 * <p>A pose is {@code double[4 * keypoints]}: v, x, y, s per joint in input pixels, v = 0 absent.
 * Not thread-safe (holds the frontier).
 */
final class PoseGrower {

    /** Score of a joint copied from a neighbour by the flood fill of force-complete. */
    static final double FILLED_JOINT_V = 0.00001;

    private final int nKeypoints;
    /** Zero-based joint pairs of all connections (sparse, then dense). */
    private final int[][] connections;
    /** Per ordered joint pair {@code start * n + end}: the first connection joining them, -1 none. */
    private final int[] connectionOf;
    /** Per ordered joint pair: whether the connection runs from start to end. */
    private final boolean[] forwardOf;
    private final double keypointThreshold;
    private final double keypointThresholdRel;
    private final Frontier frontier = new Frontier();
    private final boolean[] inFrontier;
    private final double[] candidate = new double[4];
    private final double[] reverse = new double[4];

    /**
     * @param keypointThreshold joints scoring below it are rejected
     * @param keypointThresholdRel joints scoring below this fraction of their start joint are rejected
     */
    PoseGrower(int nKeypoints, int[][] connections, double keypointThreshold, double keypointThresholdRel) {
        this.nKeypoints = nKeypoints;
        this.connections = connections;
        this.keypointThreshold = keypointThreshold;
        this.keypointThresholdRel = keypointThresholdRel;
        this.connectionOf = new int[nKeypoints * nKeypoints];
        this.forwardOf = new boolean[nKeypoints * nKeypoints];
        this.inFrontier = new boolean[nKeypoints * nKeypoints];
        Arrays.fill(connectionOf, -1);
        for (int c = 0; c < connections.length; c++) {
            int a = connections[c][0];
            int b = connections[c][1];
            if (connectionOf[a * nKeypoints + b] < 0 && connectionOf[b * nKeypoints + a] < 0) {
                connectionOf[a * nKeypoints + b] = c;
                forwardOf[a * nKeypoints + b] = true;
                connectionOf[b * nKeypoints + a] = c;
                forwardOf[b * nKeypoints + a] = false;
            }
        }
    }

    /**
     * Adds the joints reachable from the pose's present ones.
     *
     * @param reverseMatch whether a new joint must lead back to its start joint (within the start's scale, L1)
     * @param filterSigmas half-width of the candidate window around the start joint, in half scales
     */
    void grow(double[] pose, CafScored caf, boolean reverseMatch, double filterSigmas) {
        frontier.clear();
        Arrays.fill(inFrontier, false);
        for (int j = 0; j < nKeypoints; j++) {
            if (pose[4 * j] != 0.0) {
                addFrom(pose, j);
            }
        }
        while (!frontier.isEmpty()) {
            int slot = frontier.pop();
            int start = frontier.start(slot);
            int end = frontier.end(slot);
            if (pose[4 * end] > 0.0) {
                continue;
            }
            if (!frontier.computed(slot)) {
                if (connectionValue(pose, caf, start, end, reverseMatch, filterSigmas)) {
                    frontier.push(candidate[0], candidate[1], candidate[2], candidate[3], start, end);
                }
                continue;
            }
            frontier.copyJoint(slot, pose, end);
            addFrom(pose, end);
        }
    }

    /** Gives every joint still missing a copy of its neighbour's position with v = {@link #FILLED_JOINT_V}. */
    void floodFill(double[] pose) {
        frontier.clear();
        Arrays.fill(inFrontier, false);
        for (int j = 0; j < nKeypoints; j++) {
            if (pose[4 * j] != 0.0) {
                addFrom(pose, j);
            }
        }
        while (!frontier.isEmpty()) {
            int slot = frontier.pop();
            int start = frontier.start(slot);
            int end = frontier.end(slot);
            if (pose[4 * end] > 0.0) {
                continue;
            }
            System.arraycopy(pose, 4 * start, pose, 4 * end, 4);
            pose[4 * end] = FILLED_JOINT_V;
            addFrom(pose, end);
        }
    }

    /** Queues every connection from {@code start} to a missing joint, prioritised by sqrt(v_start). */
    private void addFrom(double[] pose, int start) {
        float score = (float) Math.sqrt(pose[4 * start]);
        for (int[] connection : connections) {
            int other;
            if (connection[0] == start) {
                other = connection[1];
            } else if (connection[1] == start) {
                other = connection[0];
            } else {
                continue;
            }
            int pair = start * nKeypoints + other;
            if (pose[4 * other] > 0.0 || inFrontier[pair]) {
                continue;
            }
            frontier.push(score, start, other);
            inFrontier[pair] = true;
        }
    }

    /**
     * The joint at {@code end} seen from {@code start} into {@link #candidate}, v the geometric mean
     * of the association and start scores.
     *
     * @return false when there is none or it is rejected by the thresholds or the reverse match
     */
    private boolean connectionValue(double[] pose, CafScored caf, int start, int end, boolean reverseMatch,
                                    double filterSigmas) {
        int pair = start * nKeypoints + end;
        int connection = connectionOf[pair];
        boolean forward = forwardOf[pair];
        double startV = pose[4 * start];
        double startX = pose[4 * start + 1];
        double startY = pose[4 * start + 2];
        double startS = pose[4 * start + 3];
        if (!Blend.grow(caf.associations(connection, forward), caf.count(connection, forward),
                startX, startY, startS, filterSigmas, candidate)) {
            return false;
        }
        double v = Math.sqrt(candidate[0] * startV);
        if (v < keypointThreshold || v < startV * keypointThresholdRel) {
            return false;
        }
        candidate[0] = v;
        if (reverseMatch) {
            if (!Blend.grow(caf.associations(connection, !forward), caf.count(connection, !forward),
                    candidate[1], candidate[2], candidate[3], filterSigmas, reverse)) {
                return false;
            }
            if (Math.abs(startX - reverse[1]) + Math.abs(startY - reverse[2]) > startS) {
                return false;
            }
        }
        return true;
    }
}
