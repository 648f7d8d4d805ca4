package kis.engine.backtest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Apache ECharts' minified bundle, read from the {@code org.webjars.npm:echarts} jar on the class
 * path so a report can carry it inline: the page then opens offline and asks no server for anything.
 */
final class ChartLibrary {
  static final String NAME = "Apache ECharts 5.3.1 (Apache-2.0)";
  static final String RESOURCE = "/META-INF/resources/webjars/echarts/5.3.1/dist/echarts.min.js";
  private static volatile String script;

  private ChartLibrary() {}

  /** The script's text, safe to put between {@code <script>} tags. */
  static String script() {
    String s = script;
    if (s == null) {
      try (InputStream in = ChartLibrary.class.getResourceAsStream(RESOURCE)) {
        if (in == null) {
          throw new IllegalStateException("the chart library " + RESOURCE
              + " is not on the class path (dependency org.webjars.npm:echarts:5.3.1)");
        }
        // The bundle holds no "</script"; escaping keeps it so should a later version gain one.
        s = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("</script", "<\\/script");
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + RESOURCE, e);
      }
      script = s;
    }
    return s;
  }
}
