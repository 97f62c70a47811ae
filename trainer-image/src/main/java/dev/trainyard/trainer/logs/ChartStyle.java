package dev.trainyard.trainer.logs;

import java.awt.BasicStroke;
import java.awt.Color;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The look shared by all log plots: white charts, one colour per run, training solid, validation dashed. */
final class ChartStyle {

    static final int WIDTH = 960;
    static final int HEIGHT = 600;

    // matplotlib's tab10, the palette of the reference's plots: distinct, and readable when printed.
    private static final Color[] RUN_COLORS = {
        new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c), new Color(0xd62728), new Color(0x9467bd),
        new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f), new Color(0xbcbd22), new Color(0x17becf),
    };

    // Past this many points markers hide the line; one point needs a marker to be seen at all.
    private static final int MAX_MARKED_POINTS = 60;

    private ChartStyle() {}

    static XYChart chart(String title, String xTitle, String yTitle) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT)
                .title(title).xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        XYStyler styler = chart.getStyler();
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotBackgroundColor(Color.WHITE);
        styler.setPlotBorderColor(Color.GRAY);
        styler.setLegendPosition(Styler.LegendPosition.OutsideS);
        styler.setLegendLayout(Styler.LegendLayout.Horizontal);
        styler.setLegendBorderColor(Color.WHITE);
        styler.setLegendSeriesLineLength(32);
        styler.setChartTitleBoxVisible(false);
        styler.setPlotGridLinesColor(new Color(0xdddddd));
        styler.setXAxisDecimalPattern("0.##");
        styler.setMarkerSize(7);
        return chart;
    }

    static Color runColor(int run) {
        return RUN_COLORS[run % RUN_COLORS.length];
    }

    /** Adds a training (solid) series. */
    static void train(XYChart chart, String name, double[] x, double[] y, Color color) {
        style(chart.addSeries(name, x, y), color, SeriesLines.SOLID, x.length);
    }

    /** Adds a validation (dashed, circles) series. */
    static void val(XYChart chart, String name, double[] x, double[] y, Color color) {
        XYSeries series = chart.addSeries(name, x, y);
        style(series, color, SeriesLines.DASH_DASH, x.length);
        series.setMarker(SeriesMarkers.CIRCLE);
    }

    private static void style(XYSeries series, Color color, BasicStroke line, int points) {
        series.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        series.setLineColor(color);
        series.setLineStyle(line);
        series.setMarkerColor(color);
        series.setMarker(points <= MAX_MARKED_POINTS ? SeriesMarkers.DIAMOND : SeriesMarkers.NONE);
    }
}
