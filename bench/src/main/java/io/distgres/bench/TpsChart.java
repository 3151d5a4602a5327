package io.distgres.bench;

import static java.util.Objects.requireNonNull;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import javax.imageio.ImageIO;

/** Draws TPS against client count, one line per series, as a PNG (headless Java2D, no chart library). */
public final class TpsChart {
    private static final int WIDTH = 900;
    private static final int HEIGHT = 540;
    private static final int LEFT = 90;
    private static final int RIGHT = 230;
    private static final int TOP = 50;
    private static final int BOTTOM = 60;
    private static final Color[] COLORS = {
        new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c), new Color(0xd62728),
        new Color(0x9467bd), new Color(0x8c564b),
    };

    /** One line: its legend name, whether it is drawn dashed, and its points. */
    public record Series(String name, boolean dashed, List<Point> points) {
        public Series {
            requireNonNull(name, "name is null");
            points = List.copyOf(points);
        }
    }

    /** Median TPS at a client count. */
    public record Point(int clients, double tps) {
    }

    private TpsChart() {
    }

    /** Renders the chart; x positions are the distinct client counts, evenly spaced. */
    public static BufferedImage render(String title, List<Series> series) {
        System.setProperty("java.awt.headless", "true");
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, WIDTH, HEIGHT);
            List<Integer> clients = List.copyOf(new TreeSet<>(series.stream()
                    .flatMap(s -> s.points().stream()).map(Point::clients).toList()));
            double maxTps = series.stream().flatMap(s -> s.points().stream()).mapToDouble(Point::tps).max().orElse(1);
            double top = niceCeiling(maxTps);
            int plotWidth = WIDTH - LEFT - RIGHT;
            int plotHeight = HEIGHT - TOP - BOTTOM;

            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
            g.drawString(title, LEFT, 30);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            for (int i = 0; i <= 5; i++) {
                int y = TOP + plotHeight - plotHeight * i / 5;
                g.setColor(new Color(0xdddddd));
                g.drawLine(LEFT, y, LEFT + plotWidth, y);
                g.setColor(Color.BLACK);
                String label = String.format(Locale.ROOT, "%,.0f", top * i / 5);
                g.drawString(label, LEFT - 8 - g.getFontMetrics().stringWidth(label), y + 4);
            }
            g.drawLine(LEFT, TOP, LEFT, TOP + plotHeight);
            g.drawLine(LEFT, TOP + plotHeight, LEFT + plotWidth, TOP + plotHeight);
            for (int i = 0; i < clients.size(); i++) {
                int x = xOf(i, clients.size(), plotWidth);
                String label = clients.get(i).toString();
                g.drawString(label, x - g.getFontMetrics().stringWidth(label) / 2, TOP + plotHeight + 18);
            }
            g.drawString("clients", LEFT + plotWidth / 2 - 20, HEIGHT - 18);
            g.drawString("TPS", 20, TOP - 10);

            for (int s = 0; s < series.size(); s++) {
                Series line = series.get(s);
                g.setColor(COLORS[s % COLORS.length]);
                g.setStroke(line.dashed()
                        ? new BasicStroke(2.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 1, new float[] {8, 6}, 0)
                        : new BasicStroke(2.5f));
                int previousX = -1;
                int previousY = -1;
                for (Point p : line.points().stream().sorted(java.util.Comparator.comparingInt(Point::clients)).toList()) {
                    int x = xOf(clients.indexOf(p.clients()), clients.size(), plotWidth);
                    int y = TOP + plotHeight - (int) Math.round(plotHeight * p.tps() / top);
                    g.fillOval(x - 4, y - 4, 8, 8);
                    if (previousX >= 0) {
                        g.drawLine(previousX, previousY, x, y);
                    }
                    previousX = x;
                    previousY = y;
                }
                int legendY = TOP + 20 + s * 24;
                g.drawLine(WIDTH - RIGHT + 20, legendY - 4, WIDTH - RIGHT + 50, legendY - 4);
                g.setColor(Color.BLACK);
                g.drawString(line.name(), WIDTH - RIGHT + 58, legendY);
            }
        } finally {
            g.dispose();
        }
        return image;
    }

    /** Renders and writes the chart as PNG. */
    public static void write(Path file, String title, List<Series> series) throws IOException {
        if (!ImageIO.write(render(title, series), "png", file.toFile())) {
            throw new IOException("no PNG writer available");
        }
    }

    private static int xOf(int index, int count, int plotWidth) {
        return count <= 1 ? LEFT + plotWidth / 2 : LEFT + 30 + (plotWidth - 60) * index / (count - 1);
    }

    /** The smallest 1, 2 or 5 times a power of ten at or above {@code value}. */
    static double niceCeiling(double value) {
        if (value <= 0) {
            return 1;
        }
        double power = Math.pow(10, Math.floor(Math.log10(value)));
        for (double step : new double[] {1, 2, 5, 10}) {
            if (step * power >= value) {
                return step * power;
            }
        }
        return 10 * power;
    }
}
