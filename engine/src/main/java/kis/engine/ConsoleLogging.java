package kis.engine;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.net.URL;
import java.util.Optional;
import org.slf4j.Logger;

/**
 * The engine's console logging, set up in code: what the shipped {@code logback.xml} says (pattern,
 * INFO for Pekko and the root), without logback reading XML through Joran on every start (a serial
 * step on {@code main} before the first log line; bench/README.md, branch {@code live5}). Steps
 * aside, so logback reads the XML as before, when the operator names a file
 * ({@code -Dlogback.configurationFile}), a {@code logback-test.xml} is on the class path, or a
 * {@code logback.xml} comes before the engine's own on it. {@code ConsoleLoggingTest} keeps this and
 * the shipped file the same.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_HIGH_PRIORITY)
public final class ConsoleLogging extends ContextAwareBase implements Configurator {
  /** The shipped {@code conf/logback.xml}'s pattern. */
  static final String PATTERN = "%d{HH:mm:ss.SSS} %-5level %logger{24} %X{pekkoSource} - %msg%n";

  @Override
  public ExecutionStatus configure(LoggerContext context) {
    if (xmlWanted(Thread.currentThread().getContextClassLoader() != null
        ? Thread.currentThread().getContextClassLoader() : ConsoleLogging.class.getClassLoader()).isPresent()) {
      return ExecutionStatus.INVOKE_NEXT_IF_ANY;
    }
    apply(context);
    return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
  }

  /** Why logback should read XML instead (the file or resource it will read), or empty. */
  static Optional<String> xmlWanted(ClassLoader loader) {
    String named = System.getProperty("logback.configurationFile", "");
    if (!named.isBlank()) {
      return Optional.of(named);
    }
    URL test = loader.getResource("logback-test.xml");
    if (test != null) {
      return Optional.of(test.toString());
    }
    URL xml = loader.getResource("logback.xml");
    return xml == null || isOwn(xml) ? Optional.empty() : Optional.of(xml.toString());
  }

  /** Whether {@code xml} is the {@code logback.xml} packaged beside this class (the shipped one). */
  private static boolean isOwn(URL xml) {
    String self = "kis/engine/ConsoleLogging.class";
    URL here = ConsoleLogging.class.getClassLoader().getResource(self);
    if (here == null) {
      return false;
    }
    String s = here.toString();
    return s.endsWith(self) && xml.toString().equals(s.substring(0, s.length() - self.length()) + "logback.xml");
  }

  /** The shipped configuration on {@code context}: one console appender, INFO. */
  static void apply(LoggerContext context) {
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern(PATTERN);
    encoder.start();
    ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
    console.setContext(context);
    console.setName("STDOUT");
    console.setEncoder(encoder);
    console.start();
    context.getLogger("org.apache.pekko").setLevel(Level.INFO);
    ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.INFO);
    root.addAppender(console);
  }
}
