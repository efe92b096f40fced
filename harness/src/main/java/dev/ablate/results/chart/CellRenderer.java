package dev.ablate.results.chart;

import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.util.List;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.CrosshairState;
import org.jfree.chart.plot.PlotRenderingInfo;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.PaintScale;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.renderer.xy.XYItemRendererState;
import org.jfree.data.xy.XYDataset;

/**
 * The cells of a heat map: unit blocks centred on their (column, row), coloured by a paint scale, each one
 * {@link ChartElement#POINT} titled with its tooltip.
 */
final class CellRenderer extends XYBlockRenderer {
    private static final long serialVersionUID = 1L;

    private final List<String> tooltips;

    /** @param tooltips the tooltip of each item of the dataset's only series */
    CellRenderer(PaintScale scale, List<String> tooltips) {
        this.tooltips = tooltips;
        setPaintScale(scale);
    }

    @Override
    public void drawItem(Graphics2D g2, XYItemRendererState state, Rectangle2D dataArea, PlotRenderingInfo info,
            XYPlot plot, ValueAxis domainAxis, ValueAxis rangeAxis, XYDataset dataset, int series, int item,
            CrosshairState crosshairState, int pass) {
        ChartElement.POINT.begin(g2, tooltips.get(item));
        super.drawItem(g2, state, dataArea, info, plot, domainAxis, rangeAxis, dataset, series, item, crosshairState,
                pass);
        ChartElement.POINT.end(g2);
    }
}
