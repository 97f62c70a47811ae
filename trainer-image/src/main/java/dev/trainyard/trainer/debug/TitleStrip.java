package dev.trainyard.trainer.debug;

import dev.trainyard.trainer.head.CafMeta;
import dev.trainyard.trainer.head.CifDetMeta;
import dev.trainyard.trainer.head.CifMeta;
import dev.trainyard.trainer.head.HeadMeta;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;

/**
 * The strip above a debug image: the field and the image file on the first line, a legend of
 * the overlay's colours with the field's cell counts on the second. Text that does not fit the
 * image width is cut off.
 */
final class TitleStrip {

    /** Height of the strip in pixels. */
    static final int HEIGHT = 36;

    private static final Color BACKGROUND = new Color(24, 24, 24);
    private static final Color TEXT = new Color(235, 235, 235);
    private static final Font FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
    private static final int MARGIN = 4;
    private static final int SYMBOL = 10;
    private static final int GAP = 10;

    /** What a legend symbol looks like. */
    enum Symbol { FILL, HATCH, ARROW, CIRCLE, BOX }

    /** One legend entry: a symbol in a colour, and its label. */
    record Entry(Symbol symbol, Color color, String label) {}

    private TitleStrip() {}

    /**
     * The legend of a head's debug image for {@code field}, with the field's cell counts; predicted
     * fields have no ignored cells, and their count is of cells above the vector threshold.
     */
    static List<Entry> legend(HeadMeta meta, int field, ConfidenceOverlay.Counts counts, boolean predicted) {
        List<Entry> entries = new ArrayList<>();
        Color confidence = new Color(ConfidenceOverlay.CONFIDENCE_RGB);
        if (predicted) {
            entries.add(new Entry(Symbol.FILL, confidence, counts.positive() + " above " + FieldView.MIN_CONFIDENCE));
        } else {
            entries.add(new Entry(Symbol.FILL, confidence, counts.positive() + " positive"));
            entries.add(new Entry(Symbol.HATCH, new Color(ConfidenceOverlay.IGNORED_RGB),
                    counts.ignored() + " ignored"));
        }
        switch (meta) {
            case CifMeta cif -> {
                entries.add(new Entry(Symbol.ARROW, FieldVectors.FIRST, cif.keypoints().get(field)));
                entries.add(new Entry(Symbol.CIRCLE, FieldVectors.SIZE, "scale"));
            }
            case CafMeta caf -> {
                entries.add(new Entry(Symbol.ARROW, FieldVectors.FIRST, FieldNames.joint(caf, field, 0)));
                entries.add(new Entry(Symbol.ARROW, FieldVectors.SECOND, FieldNames.joint(caf, field, 1)));
                entries.add(new Entry(Symbol.CIRCLE, FieldVectors.SIZE, "scales"));
            }
            case CifDetMeta det -> {
                entries.add(new Entry(Symbol.ARROW, FieldVectors.FIRST, "centre"));
                entries.add(new Entry(Symbol.BOX, FieldVectors.SIZE, "box"));
            }
        }
        return entries;
    }

    /** Draws the strip over {@code [0, width) x [0, HEIGHT)} of {@code g}. */
    static void draw(Graphics2D g, int width, String title, List<Entry> legend) {
        g.setColor(BACKGROUND);
        g.fillRect(0, 0, width, HEIGHT);
        g.setFont(FONT);
        FontMetrics metrics = g.getFontMetrics();
        int line = HEIGHT / 2;
        int baseline1 = (line + metrics.getAscent() - metrics.getDescent()) / 2;
        int baseline2 = line + baseline1;
        g.setColor(TEXT);
        g.drawString(title, MARGIN, baseline1);

        int x = MARGIN;
        int symbolTop = line + (line - SYMBOL) / 2;
        for (Entry entry : legend) {
            drawSymbol(g, entry, x, symbolTop);
            x += SYMBOL + 3;
            g.setColor(TEXT);
            g.drawString(entry.label(), x, baseline2);
            x += metrics.stringWidth(entry.label()) + GAP;
        }
    }

    private static void drawSymbol(Graphics2D g, Entry entry, int x, int y) {
        g.setColor(entry.color());
        switch (entry.symbol()) {
            case FILL -> g.fillRect(x, y, SYMBOL, SYMBOL);
            case HATCH -> {
                for (int d = 0; d < 2 * SYMBOL; d += 8) {
                    g.draw(new Line2D.Double(x + Math.max(0, d - SYMBOL), y + Math.min(d, SYMBOL),
                            x + Math.min(d, SYMBOL), y + Math.max(0, d - SYMBOL)));
                }
                g.draw(new Rectangle2D.Double(x, y, SYMBOL, SYMBOL));
            }
            case ARROW -> FieldVectors.arrow(g, x, y + SYMBOL, x + SYMBOL, y);
            case CIRCLE -> g.draw(new Ellipse2D.Double(x, y, SYMBOL, SYMBOL));
            case BOX -> g.draw(new Rectangle2D.Double(x, y, SYMBOL, SYMBOL));
        }
    }
}
