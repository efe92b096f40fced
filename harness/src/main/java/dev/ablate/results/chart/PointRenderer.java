package dev.ablate.results.chart;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.util.List;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.CrosshairState;
import org.jfree.chart.plot.PlotRenderingInfo;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYItemRendererState;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYDataset;

/**
 * Markers, and optionally one line through each series, where every marker is one {@link ChartElement#POINT}
 * titled with its tooltip. Markers have a white outline so that overlapping ones stay apart.
 */
final class PointRenderer extends XYLineAndShapeRenderer {
    private static final long serialVersionUID = 1L;

    private final List<List<String>> tooltips;

    /**
     * @param lines    whether to join each series' points with a line
     * @param tooltips the tooltip of each item of each series of the dataset drawn, indexed [series][item]
     */
    PointRenderer(boolean lines, List<List<String>> tooltips) {
        super(lines, true);
        this.tooltips = tooltips;
        setDrawSeriesLineAsPath(true);
        setUseOutlinePaint(true);
        setDefaultOutlinePaint(Color.WHITE);
        setDefaultOutlineStroke(new BasicStroke(1f));
    }

    @Override
    public void drawItem(Graphics2D g2, XYItemRendererState state, Rectangle2D dataArea, PlotRenderingInfo info,
            XYPlot plot, ValueAxis domainAxis, ValueAxis rangeAxis, XYDataset dataset, int series, int item,
            CrosshairState crosshairState, int pass) {
        boolean marker = isItemPass(pass);
        if (marker) {
            ChartElement.POINT.begin(g2, tooltips.get(series).get(item));
        }
        super.drawItem(g2, state, dataArea, info, plot, domainAxis, rangeAxis, dataset, series, item, crosshairState,
                pass);
        if (marker) {
            ChartElement.POINT.end(g2);
        }
    }
}
