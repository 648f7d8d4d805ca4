package kis.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.OutputStreamAppender;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;

class ConsoleLoggingTest {

  @Test
  void theBuiltInConsoleLoggingIsWhatTheShippedLogbackXmlSays() throws Exception {
    LoggerContext fromXml = new LoggerContext();
    JoranConfigurator joran = new JoranConfigurator();
    joran.setContext(fromXml);
    joran.doConfigure(Path.of("..", "conf", "logback.xml").toFile());
    LoggerContext inCode = new LoggerContext();
    ConsoleLogging.apply(inCode);

    assertEquals(described(fromXml), described(inCode));
    assertEquals(List.of("INFO", "STDOUT ch.qos.logback.core.ConsoleAppender " + ConsoleLogging.PATTERN),
        described(inCode).get(Logger.ROOT_LOGGER_NAME));
    assertEquals(List.of("INFO"), described(inCode).get("org.apache.pekko"));
  }

  @Test
  void logbackReadsXmlWhenTheOperatorNamesAFile() {
    String before = System.getProperty("logback.configurationFile");
    System.setProperty("logback.configurationFile", "/etc/kis-trader/logback.xml");
    try {
      assertEquals(Optional.of("/etc/kis-trader/logback.xml"), ConsoleLogging.xmlWanted(bare()));
    } finally {
      if (before == null) {
        System.clearProperty("logback.configurationFile");
      } else {
        System.setProperty("logback.configurationFile", before);
      }
    }
  }

  @Test
  void logbackReadsXmlWhenATestConfigurationOrAnotherLogbackXmlIsOnTheClassPath(@TempDir Path dir) throws Exception {
    assertTrue(ConsoleLogging.xmlWanted(ConsoleLoggingTest.class.getClassLoader()).orElseThrow()
        .endsWith("logback-test.xml"));
    Files.writeString(dir.resolve("logback.xml"), "<configuration/>");
    try (URLClassLoader theirs = new URLClassLoader(new URL[] {dir.toUri().toURL()}, null)) {
      assertTrue(ConsoleLogging.xmlWanted(theirs).orElseThrow().endsWith("logback.xml"));
    }
  }

  @Test
  void withNoneOfThoseTheEngineSetsItUpInCode() throws Exception {
    try (URLClassLoader none = bare()) {
      assertEquals(Optional.empty(), ConsoleLogging.xmlWanted(none));
    }
  }

  private static URLClassLoader bare() {
    return new URLClassLoader(new URL[0], null);
  }

  /** Each logger with a level of its own: the level, then each appender (name, kind, pattern). */
  private static Map<String, List<String>> described(LoggerContext c) {
    Map<String, List<String>> out = new TreeMap<>();
    for (ch.qos.logback.classic.Logger l : c.getLoggerList()) {
      if (l.getLevel() == null) {
        continue;
      }
      List<String> d = new ArrayList<>(List.of(l.getLevel().toString()));
      for (Iterator<Appender<ILoggingEvent>> it = l.iteratorForAppenders(); it.hasNext(); ) {
        Appender<ILoggingEvent> a = it.next();
        String pattern = a instanceof OutputStreamAppender<ILoggingEvent> o
            && o.getEncoder() instanceof PatternLayoutEncoder p ? p.getPattern() : "?";
        d.add(a.getName() + " " + a.getClass().getName() + " " + pattern);
      }
      out.put(l.getName(), d);
    }
    return out;
  }
}
