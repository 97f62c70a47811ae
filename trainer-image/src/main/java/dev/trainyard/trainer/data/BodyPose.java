package dev.trainyard.trainer.data;

import dev.trainyard.trainer.head.CocoConstants;
import java.util.SplittableRandom;

/**
 * A random, anatomically plausible 3-D body pose: the 17 COCO keypoints and the few extra points
 * a drawing needs, in body coordinates.
 *
 * <p>Body coordinates are in units of body height with the origin between the hips: {@code a}
 * points to the person's left, {@code y} down and {@code f} forward. Limbs hang down at rest;
 * arms and legs swing out and forward within joint limits, elbows bend forwards and knees
 * backwards, and walking couples each leg with the opposite arm.
 */
final class BodyPose {

    /** A point or direction in body coordinates. */
    record Vec(double a, double y, double f) {
        Vec plus(Vec o) {
            return new Vec(a + o.a, y + o.y, f + o.f);
        }

        Vec times(double s) {
            return new Vec(a * s, y * s, f * s);
        }

        double dot(Vec o) {
            return a * o.a + y * o.y + f * o.f;
        }

        Vec normalized() {
            return times(1 / Math.sqrt(dot(this)));
        }
    }

    static final Vec LEFT = new Vec(1, 0, 0);
    static final Vec UP = new Vec(0, -1, 0);
    static final Vec FORWARD = new Vec(0, 0, 1);

    static final double HEAD_RX = 0.06;
    static final double HEAD_RY = 0.075;
    static final double TORSO_HALF_DEPTH = 0.06;
    private static final double TORSO = 0.29;
    private static final double NECK = 0.045;
    private static final double SHOULDER_HALF = 0.105;
    private static final double HIP_HALF = 0.085;
    private static final double UPPER_ARM = 0.16;
    private static final double FOREARM = 0.145;
    private static final double THIGH = 0.245;
    private static final double SHIN = 0.24;
    private static final double HAND = 0.05;
    private static final double FOOT = 0.075;

    private final Vec[] keypoints = new Vec[CocoConstants.N_KEYPOINTS];
    /** Per side (0 left, 1 right): where the hand and the foot end. */
    private final Vec[] handTips = new Vec[2];
    private final Vec[] toes = new Vec[2];
    private Vec shoulderMid;
    private Vec head;
    private Vec headUp;
    private Vec faceForward;

    private BodyPose() {}

    static BodyPose random(SplittableRandom rng) {
        BodyPose pose = new BodyPose();
        pose.sampleTorsoAndHead(rng);
        boolean walking = rng.nextDouble() < 0.4;
        double swing = walking ? uniform(rng, -0.5, 0.5) : 0;
        for (int side = 0; side < 2; side++) {
            double s = side == 0 ? 1 : -1;
            pose.sampleArm(rng, side, -0.8 * s * swing);
            pose.sampleLeg(rng, side, s * swing);
        }
        return pose;
    }

    private void sampleTorsoAndHead(SplittableRandom rng) {
        double pitch = uniform(rng, -0.1, 0.35);
        double lean = uniform(rng, -0.15, 0.15);
        Vec up = new Vec(StrictMath.sin(lean), -StrictMath.cos(pitch) * StrictMath.cos(lean),
                StrictMath.sin(pitch) * StrictMath.cos(lean)).normalized();
        shoulderMid = up.times(TORSO);
        for (int side = 0; side < 2; side++) {
            double s = side == 0 ? 1 : -1;
            keypoints[5 + side] = shoulderMid.plus(LEFT.times(s * SHOULDER_HALF));
            keypoints[11 + side] = LEFT.times(s * HIP_HALF);
        }
        headUp = up.plus(new Vec(uniform(rng, -0.2, 0.2), 0, uniform(rng, -0.3, 0.25))).normalized();
        head = shoulderMid.plus(up.times(NECK)).plus(headUp.times(HEAD_RY));
        double turn = uniform(rng, -0.7, 0.7) * (rng.nextBoolean() ? 1 : 0.3);
        faceForward = new Vec(StrictMath.sin(turn), 0, StrictMath.cos(turn));
        Vec faceLeft = new Vec(StrictMath.cos(turn), 0, -StrictMath.sin(turn));
        double r = HEAD_RX;
        keypoints[0] = head.plus(faceForward.times(0.95 * r)).plus(headUp.times(-0.15 * r));
        for (int side = 0; side < 2; side++) {
            double s = side == 0 ? 1 : -1;
            keypoints[1 + side] = head.plus(faceForward.times(0.75 * r)).plus(faceLeft.times(0.38 * s * r))
                    .plus(headUp.times(0.25 * r));
            keypoints[3 + side] = head.plus(faceLeft.times(0.97 * s * r)).plus(faceForward.times(-0.1 * r))
                    .plus(headUp.times(0.05 * r));
        }
    }

    private void sampleArm(SplittableRandom rng, int side, double swing) {
        double s = side == 0 ? 1 : -1;
        boolean wide = rng.nextDouble() < 0.3;
        double abduction = wide ? uniform(rng, 0.05, 2.8) : uniform(rng, 0.05, 0.55);
        double flexion = swing + (wide ? uniform(rng, -0.6, 1.5) : uniform(rng, -0.25, 0.35));
        Vec upper = limbDirection(s, abduction, flexion);
        Vec forearm = bend(upper, wide ? uniform(rng, 0, 2.3) : uniform(rng, 0.05, 0.8), 1);
        Vec elbow = keypoints[5 + side].plus(upper.times(UPPER_ARM));
        keypoints[7 + side] = elbow;
        keypoints[9 + side] = elbow.plus(forearm.times(FOREARM));
        handTips[side] = keypoints[9 + side].plus(forearm.times(HAND));
    }

    private void sampleLeg(SplittableRandom rng, int side, double swing) {
        double s = side == 0 ? 1 : -1;
        boolean wide = rng.nextDouble() < 0.3;
        double abduction = wide ? uniform(rng, 0, 0.6) : uniform(rng, 0, 0.2);
        double flexion = swing + (wide ? uniform(rng, -0.4, 1.5) : uniform(rng, -0.15, 0.3));
        Vec thigh = limbDirection(s, abduction, flexion);
        double kneeFlexion = wide ? uniform(rng, 0, 2.0) : uniform(rng, 0, 0.25 + Math.max(0, flexion));
        Vec knee = keypoints[11 + side].plus(thigh.times(THIGH));
        keypoints[13 + side] = knee;
        keypoints[15 + side] = knee.plus(bend(thigh, kneeFlexion, -1).times(SHIN));
        toes[side] = keypoints[15 + side].plus(new Vec(0, 0.25, 1).normalized().times(FOOT));
    }

    /** Hanging down, swung out sideways by {@code abduction} and forward by {@code flexion} (radians). */
    private static Vec limbDirection(double side, double abduction, double flexion) {
        double cosFlexion = StrictMath.cos(flexion);
        return new Vec(side * StrictMath.sin(abduction) * cosFlexion, StrictMath.cos(abduction) * cosFlexion,
                StrictMath.sin(flexion));
    }

    /** {@code dir} bent by {@code angle} towards the body's front ({@code sense} 1) or back (-1). */
    private static Vec bend(Vec dir, double angle, double sense) {
        Vec towards = FORWARD.plus(dir.times(-FORWARD.dot(dir)));
        if (towards.dot(towards) < 0.01) {
            towards = UP.plus(dir.times(-UP.dot(dir)));
        }
        towards = towards.normalized();
        return dir.times(StrictMath.cos(angle)).plus(towards.times(sense * StrictMath.sin(angle)));
    }

    static double uniform(SplittableRandom rng, double lo, double hi) {
        return lo + (hi - lo) * rng.nextDouble();
    }

    Vec keypoint(int k) {
        return keypoints[k];
    }

    Vec handTip(int side) {
        return handTips[side];
    }

    Vec toe(int side) {
        return toes[side];
    }

    Vec hipMid() {
        return new Vec(0, 0, 0);
    }

    Vec shoulderMid() {
        return shoulderMid;
    }

    /** Centre of the head. */
    Vec head() {
        return head;
    }

    /** Unit vector from chin to crown. */
    Vec headUp() {
        return headUp;
    }

    /** Unit vector the face looks along (the head may be turned against the body). */
    Vec faceForward() {
        return faceForward;
    }
}
