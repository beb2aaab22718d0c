package io.kedge.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The end-to-end benchmark's figures as a PNG, for the README: p99 latencies (sample → stored,
 * sample → alert; left axis, ms, logarithmic) and the stack's total RSS (right axis, MiB) against
 * the offered load (logarithmic), one point per step; for the edge app also that one process's RSS,
 * which its memory target is about. Drawn with XChart, headless.
 */
final class PipelinePlot {

    private static final int WIDTH = 900;
    private static final int HEIGHT = 520;

    /** Writes the plot of {@code report}'s steps to {@code file} (a {@code .png}). */
    static void write(PipelineBenchReport report, Path file) {
        System.setProperty("java.awt.headless", "true");
        XYChart chart = chart(report.mode(), report.steps());
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the plot " + file, e);
        }
    }

    static XYChart chart(PipelineMode mode, List<PipelineStep> steps) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT)
                .title("Kedge end to end" + mode.titleSuffix + ": p99 latency and memory against offered load")
                .xAxisTitle("offered load, readings/s (log)").yAxisTitle("p99 latency, ms (log)").build();
        XYStyler styler = chart.getStyler();
        styler.setXAxisLogarithmic(true);
        styler.setYAxisLogarithmic(true);
        styler.setLegendPosition(Styler.LegendPosition.InsideNW);
        styler.setYAxisGroupPosition(1, Styler.YAxisPosition.Right);
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setToolTipsEnabled(false);
        styler.setXAxisDecimalPattern("#,##0");
        styler.setYAxisDecimalPattern("#,##0.#");
        styler.setYAxisLogarithmicDecadeOnly(false);
        chart.setYAxisGroupTitle(0, "p99 latency, ms (log)");
        chart.setYAxisGroupTitle(1, mode.targetProcess == null ? "total RSS, MiB (log)" : "RSS, MiB (log)");

        double[] offered = steps.stream().mapToDouble(PipelineStep::offered).toArray();
        // a log axis cannot show 0: an empty histogram (nothing seen) is drawn at 0.1 ms
        double[] stored = steps.stream().mapToDouble(s -> Math.max(0.1, s.probes().latency().percentileMillis(99))).toArray();
        double[] alert = steps.stream().mapToDouble(s -> Math.max(0.1, s.alertLatency().percentileMillis(99))).toArray();
        double[] rss = steps.stream().mapToDouble(s -> s.totalRssBytes() / 1048576.0).toArray();

        XYSeries storedSeries = chart.addSeries("sample → stored p99 (ms)", offered, stored);
        style(storedSeries, SeriesMarkers.CIRCLE, new Color(0x1f77b4));
        XYSeries alertSeries = chart.addSeries("reading → alert p99 (ms)", offered, alert);
        style(alertSeries, SeriesMarkers.DIAMOND, new Color(0xff7f0e));
        XYSeries rssSeries = chart.addSeries("total RSS (MiB, right axis)", offered, rss);
        rssSeries.setYAxisGroup(1);
        style(rssSeries, SeriesMarkers.SQUARE, new Color(0x2ca02c));
        rssSeries.setLineStyle(new BasicStroke(2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND, 10f, new float[] {6f, 4f}, 0f));
        if (mode.targetProcess != null) {
            double[] own = steps.stream().mapToDouble(s -> s.usage().of(mode.targetProcess).peakRssBytes() / 1048576.0)
                    .toArray();
            XYSeries ownSeries = chart.addSeries(mode.targetProcess + " RSS (MiB, right axis)", offered, own);
            ownSeries.setYAxisGroup(1);
            style(ownSeries, SeriesMarkers.TRIANGLE_UP, new Color(0x9467bd));
            ownSeries.setLineStyle(new BasicStroke(2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND, 10f,
                    new float[] {2f, 3f}, 0f));
        }
        return chart;
    }

    private static void style(XYSeries series, Marker marker, Color color) {
        series.setMarker(marker);
        series.setMarkerColor(color);
        series.setLineColor(color);
    }

    private PipelinePlot() {
    }
}
