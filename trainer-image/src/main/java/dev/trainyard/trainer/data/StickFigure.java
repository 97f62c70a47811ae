package dev.trainyard.trainer.data;

import dev.trainyard.trainer.head.CocoConstants;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A synthetic person: a 3-D stick skeleton in a random, anatomically plausible pose, turned to a
 * random direction, projected orthographically into the image and cut into drawable parts.
 *
 * <p>Body coordinates are in units of body height with the origin between the hips: {@code a}
 * points to the person's left, {@code y} down, {@code f} forward. Yaw 0 faces the camera, so the
 * person's left appears on the image's right, as COCO labels it; yaw π shows the back and mirrors
 * that. Depth is in pixels and grows away from the camera.
 */
final class StickFigure {

    /** Which way the figure faces the camera. */
    enum Facing { FRONT, BACK, SIDE }

    /** A drawable body part carrying the COCO keypoints that lie on it (a hand carries its wrist). */
    record Part(Shape shape, int colour, double opacity, double depth, List<Integer> keypoints, boolean inSegmentation) {
        boolean carries(int keypoint) {
            return keypoints.contains(keypoint);
        }
    }

    private record V(double a, double y, double f) {
        V plus(V o) {
            return new V(a + o.a, y + o.y, f + o.f);
        }

        V times(double s) {
            return new V(a * s, y * s, f * s);
        }

        double dot(V o) {
            return a * o.a + y * o.y + f * o.f;
        }

        V normalized() {
            double n = Math.sqrt(dot(this));
            return times(1 / n);
        }
    }

    private static final V LEFT = new V(1, 0, 0);
    private static final V UP = new V(0, -1, 0);
    private static final V FORWARD = new V(0, 0, 1);

    private static final double TORSO = 0.29;
    private static final double NECK = 0.045;
    private static final double HEAD_RX = 0.06;
    private static final double HEAD_RY = 0.075;
    private static final double SHOULDER_HALF = 0.105;
    private static final double HIP_HALF = 0.085;
    private static final double TORSO_HALF_DEPTH = 0.06;
    private static final double UPPER_ARM = 0.16;
    private static final double FOREARM = 0.145;
    private static final double THIGH = 0.245;
    private static final double SHIN = 0.24;
    private static final double HAND = 0.05;
    private static final double FOOT = 0.075;
    /** A keypoint behind a part of its own body by more than this (× height) is hidden by it. */
    private static final double OCCLUSION_TOLERANCE = 0.07;
    private static final double FADED_OPACITY = 0.35;

    private final Facing facing;
    private final double yaw;
    private final double height;
    private final double anchorX;
    private final double anchorY;
    private final double cosYaw;
    private final double sinYaw;
    private final double cosRoll;
    private final double sinRoll;
    private final double[] x = new double[CocoConstants.N_KEYPOINTS];
    private final double[] y = new double[CocoConstants.N_KEYPOINTS];
    private final double[] depth = new double[CocoConstants.N_KEYPOINTS];
    private final boolean[] faded = new boolean[CocoConstants.N_KEYPOINTS];
    private final List<Part> parts = new ArrayList<>();
    private double headDepth;

    private StickFigure(Facing facing, double yaw, double roll, double height, double anchorX, double anchorY) {
        this.facing = facing;
        this.yaw = yaw;
        this.height = height;
        this.anchorX = anchorX;
        this.anchorY = anchorY;
        this.cosYaw = StrictMath.cos(yaw);
        this.sinYaw = StrictMath.sin(yaw);
        this.cosRoll = StrictMath.cos(roll);
        this.sinRoll = StrictMath.sin(roll);
    }

    static Facing randomFacing(SplittableRandom rng) {
        double u = rng.nextDouble();
        return u < 0.4 ? Facing.FRONT : u < 0.65 ? Facing.BACK : Facing.SIDE;
    }

    /**
     * A random figure {@code height} pixels tall whose hip centre is at ({@code anchorX},
     * {@code anchorY}); with probability {@code fadeChance} one arm or leg is drawn faint and its
     * elbow and wrist (knee and ankle) count as hidden.
     */
    static StickFigure random(SplittableRandom rng, double height, double anchorX, double anchorY, Facing facing,
            FigureLook look, double fadeChance) {
        double turn = uniform(rng, -0.65, 0.65);
        double yaw = switch (facing) {
            case FRONT -> turn;
            case BACK -> Math.PI + turn;
            case SIDE -> (rng.nextBoolean() ? 1 : -1) * (Math.PI / 2 + 0.6 * turn);
        };
        double roll = rng.nextDouble() < 0.9 ? uniform(rng, -0.2, 0.2) : uniform(rng, -0.6, 0.6);
        StickFigure figure = new StickFigure(facing, yaw, roll, height, anchorX, anchorY);
        figure.build(rng, look, rng.nextDouble() < fadeChance ? rng.nextInt(4) : -1);
        return figure;
    }

    private void build(SplittableRandom rng, FigureLook look, int fadedLimb) {
        double pitch = uniform(rng, -0.1, 0.35);
        double lean = uniform(rng, -0.15, 0.15);
        V up = new V(StrictMath.sin(lean), -StrictMath.cos(pitch) * StrictMath.cos(lean),
                StrictMath.sin(pitch) * StrictMath.cos(lean)).normalized();
        V hipMid = new V(0, 0, 0);
        V shoulderMid = up.times(TORSO);
        V neckTop = shoulderMid.plus(up.times(NECK));
        V headUp = up.plus(new V(uniform(rng, -0.2, 0.2), 0, uniform(rng, -0.3, 0.25))).normalized();
        V head = neckTop.plus(headUp.times(HEAD_RY));
        double turn = uniform(rng, -0.7, 0.7) * (rng.nextBoolean() ? 1 : 0.3);
        V faceForward = new V(StrictMath.sin(turn), 0, StrictMath.cos(turn));
        V faceLeft = new V(StrictMath.cos(turn), 0, -StrictMath.sin(turn));
        double r = HEAD_RX;
        setKeypoint(0, head.plus(faceForward.times(0.95 * r)).plus(headUp.times(-0.15 * r)));
        for (int side = 0; side < 2; side++) {
            double s = side == 0 ? 1 : -1;
            setKeypoint(1 + side, head.plus(faceForward.times(0.75 * r)).plus(faceLeft.times(0.38 * s * r))
                    .plus(headUp.times(0.25 * r)));
            setKeypoint(3 + side, head.plus(faceLeft.times(0.97 * s * r)).plus(faceForward.times(-0.1 * r))
                    .plus(headUp.times(0.05 * r)));
        }
        headDepth = project(head)[2];

        boolean walking = rng.nextDouble() < 0.4;
        double swing = walking ? uniform(rng, -0.5, 0.5) : 0;
        V[] shoulders = new V[2];
        V[] hips = new V[2];
        for (int side = 0; side < 2; side++) {
            double s = side == 0 ? 1 : -1;
            shoulders[side] = shoulderMid.plus(LEFT.times(s * SHOULDER_HALF));
            hips[side] = hipMid.plus(LEFT.times(s * HIP_HALF));
            addArm(rng, look, side, shoulders[side], -0.8 * s * swing, fadedLimb == side);
            addLeg(rng, look, side, hips[side], s * swing, fadedLimb == 2 + side);
        }

        V depthAxis = FORWARD.times(TORSO_HALF_DEPTH);
        double[] hullX = new double[8];
        double[] hullY = new double[8];
        V[] corners = {shoulders[0], shoulders[1], hips[0], hips[1]};
        for (int i = 0; i < 4; i++) {
            double[] front = project(corners[i].plus(depthAxis));
            double[] back = project(corners[i].plus(depthAxis.times(-1)));
            hullX[2 * i] = front[0];
            hullY[2 * i] = front[1];
            hullX[2 * i + 1] = back[0];
            hullY[2 * i + 1] = back[1];
        }
        double torsoDepth = (project(shoulderMid)[2] + project(hipMid)[2]) / 2;
        // Biased back, so limbs level with the torso (front view) are drawn over it.
        add(Shape.ConvexPolygon.hull(hullX, hullY), look.top(), 1, torsoDepth + 0.02 * height, List.of(), true);
        add(capsule(shoulderMid, head, 0.03), look.skin(), 1, torsoDepth + 0.01 * height, List.of(), true);

        double[] h = project(head);
        double[] top = project(head.plus(headUp));
        double angle = StrictMath.atan2(top[0] - h[0], h[1] - top[1]);
        List<Integer> face = List.of(0, 1, 2, 3, 4);
        add(new Shape.Ellipse(h[0], h[1], HEAD_RX * height, HEAD_RY * height, angle), look.skin(), 1,
                headDepth - 0.005 * height, face, true);
        // Hair covers the back and top of the head: over the face-less side, behind the face.
        double[] hair = project(head.plus(faceForward.times(-0.35 * r)).plus(headUp.times(0.45 * r)));
        boolean backOfHeadShows = project(head.plus(faceForward))[2] > headDepth;
        add(new Shape.Ellipse(hair[0], hair[1], 0.88 * HEAD_RX * height, 0.8 * HEAD_RY * height, angle), look.hair(), 1,
                headDepth + (backOfHeadShows ? -0.006 : -0.004) * height, face, true);
        for (int eye = 1; eye <= 2; eye++) {
            if (!turnedAway(eye)) {
                add(new Shape.Ellipse(x[eye], y[eye], Math.max(0.6, 0.012 * height), Math.max(0.6, 0.009 * height), angle),
                        0x1e1a18, 1, headDepth - 0.007 * height, List.of(eye), false);
            }
        }
        parts.sort(Comparator.comparingDouble(Part::depth).reversed());
    }

    private void addArm(SplittableRandom rng, FigureLook look, int side, V shoulder, double swing, boolean faint) {
        double s = side == 0 ? 1 : -1;
        boolean wide = rng.nextDouble() < 0.3;
        double abduction = wide ? uniform(rng, 0.05, 2.8) : uniform(rng, 0.05, 0.55);
        double flexion = swing + (wide ? uniform(rng, -0.6, 1.5) : uniform(rng, -0.25, 0.35));
        V upper = limbDirection(s, abduction, flexion);
        V forearm = bend(upper, wide ? uniform(rng, 0, 2.3) : uniform(rng, 0.05, 0.8), 1);
        V elbow = shoulder.plus(upper.times(UPPER_ARM));
        V wrist = elbow.plus(forearm.times(FOREARM));
        int shoulderKp = 5 + side;
        int elbowKp = 7 + side;
        int wristKp = 9 + side;
        setKeypoint(shoulderKp, shoulder);
        setKeypoint(elbowKp, elbow);
        setKeypoint(wristKp, wrist);
        double opacity = faint ? FADED_OPACITY : 1;
        faded[elbowKp] = faint;
        faded[wristKp] = faint;
        addLimb(shoulder, elbow, 0.034, look.top(), opacity, List.of(shoulderKp, elbowKp));
        addLimb(elbow, wrist, 0.028, look.shortSleeves() ? look.skin() : look.top(), opacity, List.of(elbowKp, wristKp));
        addLimb(wrist, wrist.plus(forearm.times(HAND)), 0.026, look.skin(), opacity, List.of(wristKp));
    }

    private void addLeg(SplittableRandom rng, FigureLook look, int side, V hip, double swing, boolean faint) {
        double s = side == 0 ? 1 : -1;
        boolean wide = rng.nextDouble() < 0.3;
        double abduction = wide ? uniform(rng, 0, 0.6) : uniform(rng, 0, 0.2);
        double flexion = swing + (wide ? uniform(rng, -0.4, 1.5) : uniform(rng, -0.15, 0.3));
        V thigh = limbDirection(s, abduction, flexion);
        double kneeFlexion = wide ? uniform(rng, 0, 2.0) : uniform(rng, 0, 0.25 + Math.max(0, flexion));
        V shin = bend(thigh, kneeFlexion, -1);
        V knee = hip.plus(thigh.times(THIGH));
        V ankle = knee.plus(shin.times(SHIN));
        int hipKp = 11 + side;
        int kneeKp = 13 + side;
        int ankleKp = 15 + side;
        setKeypoint(hipKp, hip);
        setKeypoint(kneeKp, knee);
        setKeypoint(ankleKp, ankle);
        double opacity = faint ? FADED_OPACITY : 1;
        faded[kneeKp] = faint;
        faded[ankleKp] = faint;
        addLimb(hip, knee, 0.052, look.bottom(), opacity, List.of(hipKp, kneeKp));
        addLimb(knee, ankle, 0.04, look.shorts() ? look.skin() : look.bottom(), opacity, List.of(kneeKp, ankleKp));
        V toe = ankle.plus(new V(0, 0.25, 1).normalized().times(FOOT));
        addLimb(ankle, toe, 0.024, look.shoes(), opacity, List.of(ankleKp));
    }

    /** Hanging down, swung out sideways by {@code abduction} and forward by {@code flexion} (radians). */
    private static V limbDirection(double side, double abduction, double flexion) {
        double cosFlexion = StrictMath.cos(flexion);
        return new V(side * StrictMath.sin(abduction) * cosFlexion, StrictMath.cos(abduction) * cosFlexion,
                StrictMath.sin(flexion));
    }

    /** {@code dir} bent by {@code angle} towards the body's front ({@code sense} 1) or back (-1). */
    private static V bend(V dir, double angle, double sense) {
        V towards = FORWARD.plus(dir.times(-FORWARD.dot(dir)));
        if (towards.dot(towards) < 0.01) {
            towards = UP.plus(dir.times(-UP.dot(dir)));
        }
        towards = towards.normalized();
        return dir.times(StrictMath.cos(angle)).plus(towards.times(sense * StrictMath.sin(angle)));
    }

    private void addLimb(V from, V to, double radius, int colour, double opacity, List<Integer> keypoints) {
        double partDepth = (project(from)[2] + project(to)[2]) / 2;
        // Far limbs a little darker: the cue that tells near from far side in profile.
        double shade = 1 - 0.2 * Math.clamp(partDepth / (0.1 * height), 0, 1);
        add(capsule(from, to, radius), FigureLook.scaled(colour, shade), opacity, partDepth, keypoints, true);
    }

    private Shape.Capsule capsule(V from, V to, double radius) {
        double[] p = project(from);
        double[] q = project(to);
        return new Shape.Capsule(p[0], p[1], q[0], q[1], radius * height);
    }

    private void add(Shape shape, int colour, double opacity, double partDepth, List<Integer> keypoints,
            boolean inSegmentation) {
        parts.add(new Part(shape, colour, opacity, partDepth, keypoints, inSegmentation));
    }

    private void setKeypoint(int k, V p) {
        double[] projected = project(p);
        x[k] = projected[0];
        y[k] = projected[1];
        depth[k] = projected[2];
    }

    /** {x, y, depth} in pixels of a body point. */
    private double[] project(V p) {
        double sx = p.a * cosYaw + p.f * sinYaw;
        double sz = p.a * sinYaw - p.f * cosYaw;
        return new double[] {
            anchorX + height * (sx * cosRoll - p.y * sinRoll), anchorY + height * (sx * sinRoll + p.y * cosRoll), height * sz
        };
    }

    private static double uniform(SplittableRandom rng, double lo, double hi) {
        return lo + (hi - lo) * rng.nextDouble();
    }

    Facing facing() {
        return facing;
    }

    /** Rotation about the vertical axis in radians: 0 faces the camera, π shows the back. */
    double yaw() {
        return yaw;
    }

    double height() {
        return height;
    }

    double x(int keypoint) {
        return x[keypoint];
    }

    double y(int keypoint) {
        return y[keypoint];
    }

    double depth(int keypoint) {
        return depth[keypoint];
    }

    /** Parts in drawing order, farthest first. */
    List<Part> parts() {
        return parts;
    }

    /** Whether the keypoint lies on a limb drawn faint (a low-visibility keypoint). */
    boolean faded(int keypoint) {
        return faded[keypoint];
    }

    /** Whether a face keypoint is on the far side of the head (always false for body keypoints). */
    boolean turnedAway(int keypoint) {
        return keypoint <= 4 && depth[keypoint] - headDepth > 0.3 * HEAD_RX * height;
    }

    /** How far (pixels) a part of this body may lie in front of a keypoint without hiding it. */
    double occlusionTolerance() {
        return OCCLUSION_TOLERANCE * height;
    }
}
