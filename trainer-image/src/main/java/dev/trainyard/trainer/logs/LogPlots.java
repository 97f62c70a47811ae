package dev.trainyard.trainer.logs;

import dev.trainyard.trainer.AtomicFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.ToDoubleFunction;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;

/**
 * PNG plots that compare runs side by side, one colour per run: loss per epoch (total and per
 * component), learning rate, seconds per epoch and the share of time spent waiting for data.
 * Needs AWT in headless mode (no display) and a font.
 */
public final class LogPlots {

    private final List<TrainingLog> logs;
    private final List<String> labels;

    public LogPlots(List<TrainingLog> logs) {
        this.logs = List.copyOf(logs);
        this.labels = uniqueLabels(this.logs);
    }

    /**
     * Writes every plot that has data into {@code dir}, each file atomically, and returns the files
     * in the order written: loss.png, loss-COMPONENT.png per component, lr.png, epoch-time.png,
     * data-share.png.
     */
    public List<Path> writeAll(Path dir) throws IOException {
        Map<String, XYChart> charts = new LinkedHashMap<>();
        charts.put("loss.png", loss());
        for (String component : components()) {
            charts.put("loss-" + fileNamePart(component) + ".png", componentLoss(component));
        }
        charts.put("lr.png", lr());
        charts.put("epoch-time.png", epochTime());
        charts.put("data-share.png", dataShare());

        List<Path> written = new ArrayList<>();
        for (Map.Entry<String, XYChart> entry : charts.entrySet()) {
            if (entry.getValue().getSeriesMap().isEmpty()) {
                continue;
            }
            Path file = dir.resolve(entry.getKey());
            write(entry.getValue(), file);
            written.add(file);
        }
        return written;
    }

    /** Total loss per epoch: training solid, validation dashed. */
    XYChart loss() {
        XYChart chart = ChartStyle.chart("Loss per epoch (train solid, val dashed)", "epoch", "loss");
        for (int run = 0; run < logs.size(); run++) {
            addEpochSeries(chart, run, logs.get(run).trainEpochs(), logs.get(run).valEpochs(), EpochRecord::loss);
        }
        return chart;
    }

    /** One loss component per epoch: training solid, validation dashed. */
    XYChart componentLoss(String component) {
        XYChart chart = ChartStyle.chart("Loss " + component + " per epoch (train solid, val dashed)", "epoch", component);
        for (int run = 0; run < logs.size(); run++) {
            int i = logs.get(run).fieldNames().indexOf(component);
            if (i >= 0) {
                addEpochSeries(chart, run, logs.get(run).trainEpochs(), logs.get(run).valEpochs(), r -> r.headLoss(i));
            }
        }
        return chart;
    }

    /** Learning rate of each logged batch against fractional epoch, on a log axis. */
    XYChart lr() {
        XYChart chart = ChartStyle.chart("Learning rate", "epoch", "learning rate");
        chart.getStyler().setYAxisLogarithmic(true);
        for (int run = 0; run < logs.size(); run++) {
            Points points = new Points();
            // A log axis cannot show 0 (a warm-up from zero) or a missing value.
            logs.get(run).train().forEach(r -> points.addIf(r.lr() > 0, r.fractionalEpoch(), r.lr()));
            if (!points.isEmpty()) {
                ChartStyle.train(chart, labels.get(run), points.x(), points.y(), ChartStyle.runColor(run));
            }
        }
        return chart;
    }

    /** Seconds per training epoch (solid) and per validation pass (dashed). */
    XYChart epochTime() {
        XYChart chart = ChartStyle.chart("Time per epoch (train solid, val dashed)", "epoch", "seconds");
        chart.getStyler().setYAxisMin(0.0);
        for (int run = 0; run < logs.size(); run++) {
            addEpochSeries(chart, run, logs.get(run).trainEpochs(), logs.get(run).valEpochs(), EpochRecord::time);
        }
        return chart;
    }

    /** Percentage of each epoch's logged batch time spent waiting for data. */
    XYChart dataShare() {
        XYChart chart = ChartStyle.chart("Time waiting for data", "epoch", "share of batch time [%]");
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setYAxisMax(100.0);
        for (int run = 0; run < logs.size(); run++) {
            TrainingLog log = logs.get(run);
            Set<Integer> epochsDone = new TreeSet<>();
            log.train().forEach(r -> epochsDone.add(r.epoch() + 1));
            Points points = new Points();
            for (int epoch : epochsDone) {
                double share = EpochRow.dataShare(EpochRow.batchesOf(log, epoch));
                points.addIf(Double.isFinite(share), epoch, 100 * share);
            }
            if (!points.isEmpty()) {
                ChartStyle.train(chart, labels.get(run), points.x(), points.y(), ChartStyle.runColor(run));
            }
        }
        return chart;
    }

    /** The loss components of all runs, in the order they first appear. */
    List<String> components() {
        Set<String> names = new LinkedHashSet<>();
        logs.forEach(log -> names.addAll(log.fieldNames()));
        return List.copyOf(names);
    }

    private void addEpochSeries(XYChart chart, int run, List<EpochRecord> train, List<EpochRecord> val,
            ToDoubleFunction<EpochRecord> value) {
        Points t = epochPoints(train, value);
        if (!t.isEmpty()) {
            ChartStyle.train(chart, labels.get(run) + " train", t.x(), t.y(), ChartStyle.runColor(run));
        }
        Points v = epochPoints(val, value);
        if (!v.isEmpty()) {
            ChartStyle.val(chart, labels.get(run) + " val", v.x(), v.y(), ChartStyle.runColor(run));
        }
    }

    /** Finite values by epoch; a repeated epoch keeps its last record, as in the table. */
    private static Points epochPoints(List<EpochRecord> records, ToDoubleFunction<EpochRecord> value) {
        Map<Integer, Double> byEpoch = new TreeMap<>();
        records.forEach(r -> byEpoch.put(r.epoch(), value.applyAsDouble(r)));
        Points points = new Points();
        byEpoch.forEach((epoch, y) -> points.addIf(Double.isFinite(y), epoch, y));
        return points;
    }

    private static void write(XYChart chart, Path file) throws IOException {
        try {
            AtomicFile.write(file, out -> BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG));
        } catch (InternalError | LinkageError e) {
            // What headless AWT throws when it finds no font: name the fix, not the symptom.
            throw new IllegalStateException("cannot render " + file + ": " + e
                    + " (headless Java needs fontconfig and a font, e.g. Debian's fontconfig and fonts-dejavu-core)", e);
        }
    }

    /** Run labels as series names; XChart needs them unique, so a repeated label gets a number. */
    private static List<String> uniqueLabels(List<TrainingLog> logs) {
        Set<String> seen = new HashSet<>();
        List<String> labels = new ArrayList<>();
        for (TrainingLog log : logs) {
            String label = log.label();
            for (int n = 2; !seen.add(label); n++) {
                label = log.label() + " (" + n + ")";
            }
            labels.add(label);
        }
        return labels;
    }

    /** A component name made safe for a file name: {@code cocokp.cif.c} stays, anything odd becomes {@code _}. */
    static String fileNamePart(String component) {
        return component.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    /** Growing x and y arrays of one series. */
    private static final class Points {
        private final List<double[]> xy = new ArrayList<>();

        void add(double x, double y) {
            xy.add(new double[] {x, y});
        }

        void addIf(boolean condition, double x, double y) {
            if (condition) {
                add(x, y);
            }
        }

        boolean isEmpty() {
            return xy.isEmpty();
        }

        double[] x() {
            return xy.stream().mapToDouble(p -> p[0]).toArray();
        }

        double[] y() {
            return xy.stream().mapToDouble(p -> p[1]).toArray();
        }
    }
}
