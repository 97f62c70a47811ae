package dev.trainyard.trainer.predict;

import dev.trainyard.trainer.AtomicFile;
import dev.trainyard.trainer.head.Connection;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * Draws predicted poses over the original image, as the reference's {@code --image-output}: one
 * colour per skeleton connection, keypoints as dots, the instance score next to each pose. Only
 * keypoints with a confidence above zero are drawn.
 */
public final class PosePainter {

    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private final List<Connection> skeleton;

    public PosePainter(List<Connection> skeleton) {
        this.skeleton = List.copyOf(skeleton);
    }

    /** A pose to draw: keypoints {@code [n][3]} (x, y, confidence) in image pixels, and its score. */
    public record Drawn(double[][] keypoints, double score) {}

    /** Draws the poses on a copy of {@code image}. */
    public BufferedImage paint(BufferedImage image, List<Drawn> poses) {
        BufferedImage canvas = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = canvas.createGraphics();
        try {
            g.drawImage(image, 0, 0, null);
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            float width = Math.max(2f, Math.min(image.getWidth(), image.getHeight()) / 200f);
            g.setStroke(new BasicStroke(width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, Math.round(width * 5)));
            for (Drawn pose : poses) {
                double[][] kps = pose.keypoints();
                for (int c = 0; c < skeleton.size(); c++) {
                    Connection connection = skeleton.get(c);
                    double[] a = kps[connection.fromIndex()];
                    double[] b = kps[connection.toIndex()];
                    if (a[2] > 0 && b[2] > 0) {
                        g.setColor(Color.getHSBColor((float) c / skeleton.size(), 0.85f, 1f));
                        g.draw(new Line2D.Double(a[0], a[1], b[0], b[1]));
                    }
                }
                double minX = Double.MAX_VALUE;
                double minY = Double.MAX_VALUE;
                for (double[] kp : kps) {
                    if (kp[2] > 0) {
                        g.setColor(Color.WHITE);
                        double r = width * 1.2;
                        g.fill(new Ellipse2D.Double(kp[0] - r, kp[1] - r, 2 * r, 2 * r));
                        minX = Math.min(minX, kp[0]);
                        minY = Math.min(minY, kp[1]);
                    }
                }
                if (minX < Double.MAX_VALUE) {
                    g.setColor(Color.WHITE);
                    g.drawString(String.format(Locale.ROOT, "%.2f", pose.score()), (float) minX,
                            (float) Math.max(g.getFont().getSize(), minY - width * 2));
                }
            }
        } finally {
            g.dispose();
        }
        return canvas;
    }

    /** Writes an image atomically as PNG, or JPEG when the name ends in {@code .jpg}/{@code .jpeg}. */
    public static void write(BufferedImage image, Path file) throws IOException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        String format = name.endsWith(".jpg") || name.endsWith(".jpeg") ? "jpeg" : "png";
        AtomicFile.write(file, out -> {
            if (!ImageIO.write(image, format, out)) {
                throw new IOException("no " + format + " writer");
            }
        });
    }
}
