package io.distgres.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TpsChartTest {
    @Test
    void writesAPngWithBothSidesDrawn(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("chart.png");

        TpsChart.write(file, "pgbench -S", List.of(
                new TpsChart.Series("direct, simple", true, List.of(new TpsChart.Point(1, 9000), new TpsChart.Point(16, 60000))),
                new TpsChart.Series("distgres, simple", false, List.of(new TpsChart.Point(1, 800), new TpsChart.Point(16, 5000)))));

        BufferedImage image = ImageIO.read(file.toFile());
        assertThat(image.getWidth()).isEqualTo(900);
        assertThat(Files.size(file)).isGreaterThan(1000);
        // the second series' colour (orange) appears somewhere: its line was drawn
        boolean orange = false;
        for (int x = 0; x < image.getWidth() && !orange; x++) {
            for (int y = 0; y < image.getHeight() && !orange; y++) {
                orange = (image.getRGB(x, y) & 0xffffff) == 0xff7f0e;
            }
        }
        assertThat(orange).isTrue();
    }

    @Test
    void axisTopIsOneTwoOrFiveTimesAPowerOfTen() {
        assertThat(TpsChart.niceCeiling(61234)).isEqualTo(100000);
        assertThat(TpsChart.niceCeiling(18000)).isEqualTo(20000);
        assertThat(TpsChart.niceCeiling(4100)).isEqualTo(5000);
        assertThat(TpsChart.niceCeiling(0)).isEqualTo(1);
    }
}
