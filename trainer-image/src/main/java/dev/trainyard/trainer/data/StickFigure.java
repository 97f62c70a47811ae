package dev.trainyard.trainer.data;

import dev.trainyard.trainer.data.BodyPose.Vec;
import dev.trainyard.trainer.head.CocoConstants;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A synthetic person in the image: a {@link BodyPose} turned about the vertical axis (yaw),
 * tilted in the image plane (roll), projected orthographically and cut into drawable parts.
 *
 * <p>Yaw 0 faces the camera, so the person's left appears on the image's right, as COCO labels
 * it; yaw π shows the back and mirrors that. Depth is in pixels and grows away from the camera.
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

    private static final List<Integer> FACE = List.of(0, 1, 2, 3, 4);
    /** A keypoint behind a part of its own body by more than this (× height) is hidden by it. */
    private static final double OCCLUSION_TOLERANCE = 0.07;
    private static final double FADED_OPACITY = 0.35;
    private static final int EYE_COLOUR = 0x1e1a18;

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
    private final double headDepth;

    private StickFigure(BodyPose pose, FigureLook look, Facing facing, double yaw, double roll, double height,
            double anchorX, double anchorY, int fadedLimb) {
        this.facing = facing;
        this.yaw = yaw;
        this.height = height;
        this.anchorX = anchorX;
        this.anchorY = anchorY;
        this.cosYaw = StrictMath.cos(yaw);
        this.sinYaw = StrictMath.sin(yaw);
        this.cosRoll = StrictMath.cos(roll);
        this.sinRoll = StrictMath.sin(roll);
        for (int k = 0; k < CocoConstants.N_KEYPOINTS; k++) {
            double[] p = project(pose.keypoint(k));
            x[k] = p[0];
            y[k] = p[1];
            depth[k] = p[2];
        }
        this.headDepth = project(pose.head())[2];
        addTorso(pose, look);
        addHead(pose, look);
        for (int side = 0; side < 2; side++) {
            addArm(pose, look, side, fadedLimb == side);
            addLeg(pose, look, side, fadedLimb == 2 + side);
        }
        parts.sort(Comparator.comparingDouble(Part::depth).reversed());
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
        double turn = BodyPose.uniform(rng, -0.65, 0.65);
        double yaw = switch (facing) {
            case FRONT -> turn;
            case BACK -> Math.PI + turn;
            case SIDE -> (rng.nextBoolean() ? 1 : -1) * (Math.PI / 2 + 0.6 * turn);
        };
        double roll = rng.nextDouble() < 0.9 ? BodyPose.uniform(rng, -0.2, 0.2) : BodyPose.uniform(rng, -0.6, 0.6);
        int fadedLimb = rng.nextDouble() < fadeChance ? rng.nextInt(4) : -1;
        return new StickFigure(BodyPose.random(rng), look, facing, yaw, roll, height, anchorX, anchorY, fadedLimb);
    }

    private void addTorso(BodyPose pose, FigureLook look) {
        // The silhouette of a slab through shoulders and hips: wide from the front, narrow in profile.
        Vec thickness = BodyPose.FORWARD.times(BodyPose.TORSO_HALF_DEPTH);
        int[] corners = {5, 6, 11, 12};
        double[] hullX = new double[8];
        double[] hullY = new double[8];
        for (int i = 0; i < 4; i++) {
            double[] front = project(pose.keypoint(corners[i]).plus(thickness));
            double[] back = project(pose.keypoint(corners[i]).plus(thickness.times(-1)));
            hullX[2 * i] = front[0];
            hullY[2 * i] = front[1];
            hullX[2 * i + 1] = back[0];
            hullY[2 * i + 1] = back[1];
        }
        double torsoDepth = (project(pose.shoulderMid())[2] + project(pose.hipMid())[2]) / 2;
        // Biased back, so limbs level with the torso (front view) are drawn over it.
        add(Shape.ConvexPolygon.hull(hullX, hullY), look.top(), 1, torsoDepth + 0.02 * height, List.of(), true);
        add(capsule(pose.shoulderMid(), pose.head(), 0.03), look.skin(), 1, torsoDepth + 0.01 * height, List.of(), true);
    }

    private void addHead(BodyPose pose, FigureLook look) {
        double[] centre = project(pose.head());
        double[] crown = project(pose.head().plus(pose.headUp()));
        double angle = StrictMath.atan2(crown[0] - centre[0], centre[1] - crown[1]);
        add(new Shape.Ellipse(centre[0], centre[1], BodyPose.HEAD_RX * height, BodyPose.HEAD_RY * height, angle),
                look.skin(), 1, headDepth - 0.005 * height, FACE, true);
        // Hair covers the back and top of the head: drawn over it when the back shows, under it otherwise.
        double r = BodyPose.HEAD_RX;
        double[] hair = project(pose.head().plus(pose.faceForward().times(-0.35 * r)).plus(pose.headUp().times(0.45 * r)));
        boolean backOfHeadShows = project(pose.head().plus(pose.faceForward()))[2] > headDepth;
        add(new Shape.Ellipse(hair[0], hair[1], 0.88 * BodyPose.HEAD_RX * height, 0.8 * BodyPose.HEAD_RY * height, angle),
                look.hair(), 1, headDepth + (backOfHeadShows ? -0.006 : -0.004) * height, FACE, true);
        for (int eye = 1; eye <= 2; eye++) {
            if (!turnedAway(eye)) {
                Shape dot = new Shape.Ellipse(x[eye], y[eye], Math.max(0.6, 0.012 * height),
                        Math.max(0.6, 0.009 * height), angle);
                add(dot, EYE_COLOUR, 1, headDepth - 0.007 * height, List.of(eye), false);
            }
        }
    }

    private void addArm(BodyPose pose, FigureLook look, int side, boolean faint) {
        int shoulder = 5 + side;
        int elbow = 7 + side;
        int wrist = 9 + side;
        double opacity = faint ? FADED_OPACITY : 1;
        faded[elbow] = faint;
        faded[wrist] = faint;
        addLimb(pose.keypoint(shoulder), pose.keypoint(elbow), 0.034, look.top(), opacity, List.of(shoulder, elbow));
        addLimb(pose.keypoint(elbow), pose.keypoint(wrist), 0.028, look.shortSleeves() ? look.skin() : look.top(),
                opacity, List.of(elbow, wrist));
        addLimb(pose.keypoint(wrist), pose.handTip(side), 0.026, look.skin(), opacity, List.of(wrist));
    }

    private void addLeg(BodyPose pose, FigureLook look, int side, boolean faint) {
        int hip = 11 + side;
        int knee = 13 + side;
        int ankle = 15 + side;
        double opacity = faint ? FADED_OPACITY : 1;
        faded[knee] = faint;
        faded[ankle] = faint;
        addLimb(pose.keypoint(hip), pose.keypoint(knee), 0.052, look.bottom(), opacity, List.of(hip, knee));
        addLimb(pose.keypoint(knee), pose.keypoint(ankle), 0.04, look.shorts() ? look.skin() : look.bottom(), opacity,
                List.of(knee, ankle));
        addLimb(pose.keypoint(ankle), pose.toe(side), 0.024, look.shoes(), opacity, List.of(ankle));
    }

    private void addLimb(Vec from, Vec to, double radius, int colour, double opacity, List<Integer> keypoints) {
        double partDepth = (project(from)[2] + project(to)[2]) / 2;
        // Far limbs a little darker: the cue that tells near from far side in profile.
        double shade = 1 - 0.2 * Math.clamp(partDepth / (0.1 * height), 0, 1);
        add(capsule(from, to, radius), FigureLook.scaled(colour, shade), opacity, partDepth, keypoints, true);
    }

    private Shape.Capsule capsule(Vec from, Vec to, double radius) {
        double[] p = project(from);
        double[] q = project(to);
        return new Shape.Capsule(p[0], p[1], q[0], q[1], radius * height);
    }

    private void add(Shape shape, int colour, double opacity, double partDepth, List<Integer> keypoints,
            boolean inSegmentation) {
        parts.add(new Part(shape, colour, opacity, partDepth, keypoints, inSegmentation));
    }

    /** {x, y, depth} in pixels of a body point. */
    private double[] project(Vec p) {
        double sx = p.a() * cosYaw + p.f() * sinYaw;
        double sz = p.a() * sinYaw - p.f() * cosYaw;
        return new double[] {
            anchorX + height * (sx * cosRoll - p.y() * sinRoll),
            anchorY + height * (sx * sinRoll + p.y() * cosRoll),
            height * sz
        };
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
        return FACE.contains(keypoint) && depth[keypoint] - headDepth > 0.3 * BodyPose.HEAD_RX * height;
    }

    /** How far (pixels) a part of this body may lie in front of a keypoint without hiding it. */
    double occlusionTolerance() {
        return OCCLUSION_TOLERANCE * height;
    }
}
