package dev.trainyard.trainer.decoder;

/**
 * The reference's {@code grow_connection_blend}: the joint an association field points to from a
 * given joint, blending the two best candidates (as BlazeFace's post-processing) when they agree.
 */
final class Blend {

    private Blend() {}

    /**
     * Scores every association whose source lies within {@code filterSigmas * s / 2} (per axis) of
     * {@code (x, y)} by {@code c * exp(-2 d² / s²)}, with {@code s = max(scale, 0.5)} px. The top
     * one gives half its score; a second one scoring at least 0.01 and half the top, with its
     * target within half the top target's scale, is blended in by score weight with the mean score.
     *
     * @param associations {@link CafScored} entries, {@code count} of them
     * @param out receives v, x, y, s of the target joint
     * @return false when no association scores above 0
     */
    static boolean grow(float[] associations, int count, double x, double y, double scale, double filterSigmas,
                        double[] out) {
        double s = Math.max(scale, 0.5);
        float sigmaFilter = (float) (filterSigmas * s / 2.0);
        float sigma2 = (float) (0.25 * s * s);
        float fx = (float) x;
        float fy = (float) y;
        float minX = fx - sigmaFilter;
        float maxX = fx + sigmaFilter;
        float minY = fy - sigmaFilter;
        float maxY = fy + sigmaFilter;

        int best1 = 0;
        int best2 = 0;
        float score1 = 0.0f;
        float score2 = 0.0f;
        for (int i = 0, at = 0; i < count; i++, at += CafScored.STRIDE) {
            float sx = associations[at + CafScored.SOURCE_X];
            float sy = associations[at + CafScored.SOURCE_Y];
            if (sx < minX || sx > maxX || sy < minY || sy > maxY) {
                continue;
            }
            float dx = sx - fx;
            float dy = sy - fy;
            float d2 = dx * dx + dy * dy;
            float score = (float) (Math.exp(-0.5 * d2 / sigma2) * associations[at + CafScored.C]);
            // ">=" so that an equal second score still fills the runner-up
            if (score >= score1) {
                best2 = best1;
                score2 = score1;
                best1 = at;
                score1 = score;
            } else if (score > score2) {
                best2 = at;
                score2 = score;
            }
        }
        if (score1 == 0.0f) {
            return false;
        }

        float x1 = associations[best1 + CafScored.TARGET_X];
        float y1 = associations[best1 + CafScored.TARGET_Y];
        float s1 = nonNegative(associations[best1 + CafScored.TARGET_SCALE]);
        if (score2 < 0.01f || score2 < 0.5f * score1) {
            return set(out, 0.5 * score1, x1, y1, s1);
        }
        float x2 = associations[best2 + CafScored.TARGET_X];
        float y2 = associations[best2 + CafScored.TARGET_Y];
        float s2 = nonNegative(associations[best2 + CafScored.TARGET_SCALE]);
        float bx = x1 - x2;
        float by = y1 - y2;
        if (bx * bx + by * by > s1 * s1 / 4.0) {
            return set(out, 0.5 * score1, x1, y1, s1);
        }
        float sum = score1 + score2;
        return set(out, 0.5 * sum,
                (score1 * x1 + score2 * x2) / sum,
                (score1 * y1 + score2 * y2) / sum,
                (score1 * s1 + score2 * s2) / sum);
    }

    /** C's {@code fmaxf(0, s)}: NaN becomes 0. */
    private static float nonNegative(float s) {
        return s > 0.0f ? s : 0.0f;
    }

    private static boolean set(double[] out, double v, double x, double y, double s) {
        out[0] = v;
        out[1] = x;
        out[2] = y;
        out[3] = s;
        return true;
    }
}
