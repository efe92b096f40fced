package dev.ablate.results.chart;

import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.CrosshairState;
import org.jfree.chart.plot.PlotRenderingInfo;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.chart.renderer.xy.XYItemRendererState;
import org.jfree.data.xy.XYDataset;

/**
 * Shaded confidence bands, one per series of an interval dataset, each one {@link ChartElement#BAND}; no lines,
 * no markers and no legend items (the mean's series has those).
 */
final class BandRenderer extends DeviationRenderer {
    private static final long serialVersionUID = 1L;

    BandRenderer() {
        super(false, false);
        setAlpha(PaperStyle.BAND_ALPHA);
        setDefaultSeriesVisibleInLegend(false);
    }

    @Override
    public void drawItem(Graphics2D g2, XYItemRendererState state, Rectangle2D dataArea, PlotRenderingInfo info,
            XYPlot plot, ValueAxis domainAxis, ValueAxis rangeAxis, XYDataset dataset, int series, int item,
            CrosshairState crosshairState, int pass) {
        // the first pass collects the band's outline and fills it at the series' last item
        boolean band = pass == 0 && item == dataset.getItemCount(series) - 1;
        if (band) {
            ChartElement.BAND.begin(g2, null);
        }
        super.drawItem(g2, state, dataArea, info, plot, domainAxis, rangeAxis, dataset, series, item, crosshairState,
                pass);
        if (band) {
            ChartElement.BAND.end(g2);
        }
    }
}
