package kis.engine;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeAndTimeBasedRollingPolicy;
import com.typesafe.config.Config;
import kis.engine.config.LogSettings;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.LoggerFactory;

/**
 * The engine's log in the data dir beside the console: {@code <data-dir>/log/kis-trader.log}, rolled
 * daily and by size into gzipped files, the oldest deleted past {@code max-history} days or
 * {@code total-size-cap} (logback's own rolling, so a full disk is not made fuller by the log).
 * Attached once the data dir is locked (its place is known only then) and detached when the engine
 * stops, so engines started one after another in one JVM (the tests) each write their own.
 * Configured under {@code kis-trader.log}.
 */
final class LogFile implements AutoCloseable {
  static final String FILE = "kis-trader.log";
  static final String PATTERN = "%d{yyyy-MM-dd HH:mm:ss.SSS,Asia/Seoul} %-5level %logger{24} %X{pekkoSource} - %msg%n";

  private final RollingFileAppender<ILoggingEvent> appender;

  private LogFile(RollingFileAppender<ILoggingEvent> appender) {
    this.appender = appender;
  }

  /** The log file of {@code dataDir} as {@code kis-trader.log} configures it, or empty when it is off. */
  static Optional<LogFile> attach(Path dataDir, Config c) {
    LogSettings settings = LogSettings.fromAppConfig(c);
    if (!settings.file()) {
      return Optional.empty();
    }
    if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext ctx)) {
      return Optional.empty(); // not logback (an embedding application's logging): its business
    }
    Path dir = CrashFiles.logDir(dataDir).toAbsolutePath();
    RollingFileAppender<ILoggingEvent> file = new RollingFileAppender<>();
    file.setContext(ctx);
    file.setName("kis-trader-file-" + dir);
    file.setFile(dir.resolve(FILE).toString());
    SizeAndTimeBasedRollingPolicy<ILoggingEvent> rolling = new SizeAndTimeBasedRollingPolicy<>();
    rolling.setContext(ctx);
    rolling.setParent(file);
    rolling.setFileNamePattern(dir.resolve("kis-trader.%d{yyyy-MM-dd,Asia/Seoul}.%i.log.gz").toString());
    rolling.setMaxFileSize(settings.maxFileSize());
    rolling.setMaxHistory(settings.maxHistory());
    rolling.setTotalSizeCap(settings.totalSizeCap());
    rolling.start();
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(ctx);
    encoder.setPattern(PATTERN);
    encoder.start();
    file.setEncoder(encoder);
    file.setRollingPolicy(rolling);
    file.start();
    ctx.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(file);
    return Optional.of(new LogFile(file));
  }

  Path path() {
    return Path.of(appender.getFile());
  }

  @Override
  public void close() {
    if (appender.getContext() instanceof LoggerContext ctx) {
      ctx.getLogger(Logger.ROOT_LOGGER_NAME).detachAppender(appender);
    }
    appender.stop();
  }
}
