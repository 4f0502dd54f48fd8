package io.cxpulse.e2e;

import java.io.StringWriter;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.Map;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.WriterAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.layout.PatternLayout;

/**
 * Everything this JVM logs while open (the job on its mini-cluster, the Kafka and ClickHouse clients, the CLI), at
 * INFO and above and DEBUG for io.cxpulse, with full stack traces and exception messages, through the real log4j2
 * configuration: an appender added to the root logger. The console keeps its usual WARN, so test output stays short.
 */
final class CapturedLogs implements AutoCloseable {

    private static final String NAME = "captured-logs";

    private final StringWriter text = new StringWriter();
    private final LoggerContext context = (LoggerContext) LogManager.getContext(false);
    private final Map<LoggerConfig, Level> levelsBefore = new HashMap<>();
    private final Map<Appender, Level> rootAppendersBefore = new HashMap<>();
    private final Map<String, Level> refLevels = new HashMap<>();

    CapturedLogs() {
        Configuration config = context.getConfiguration();
        WriterAppender appender = WriterAppender.newBuilder()
                .setName(NAME)
                .setTarget(text)
                .setLayout(PatternLayout.newBuilder().withConfiguration(config)
                        .withPattern("%level %logger [%thread] %message%n%throwable").build())
                .build();
        appender.start();
        config.addAppender(appender);
        LoggerConfig root = config.getRootLogger();
        root.getAppenderRefs().forEach(ref -> refLevels.put(ref.getRef(), ref.getLevel()));
        root.getAppenders().values().forEach(a -> {
            rootAppendersBefore.put(a, refLevels.get(a.getName()));
            root.removeAppender(a.getName());
            root.addAppender(a, Level.WARN, null);
        });
        root.addAppender(appender, null, null);
        Set<LoggerConfig> loggers = new LinkedHashSet<>(config.getLoggers().values()); // holds the root, or not
        loggers.add(root);
        for (LoggerConfig logger : loggers) {
            levelsBefore.put(logger, logger.getLevel());
            Level wanted = logger.getName().startsWith("io.cxpulse") ? Level.DEBUG : Level.INFO;
            if (logger.getLevel().isMoreSpecificThan(wanted)) {
                logger.setLevel(wanted);
            }
        }
        context.updateLoggers();
    }

    /** What was logged so far. */
    String text() {
        return text.toString();
    }

    @Override
    public void close() {
        Configuration config = context.getConfiguration();
        LoggerConfig root = config.getRootLogger();
        root.removeAppender(NAME);
        rootAppendersBefore.forEach((a, level) -> {
            root.removeAppender(a.getName());
            root.addAppender(a, level, null);
        });
        levelsBefore.forEach(LoggerConfig::setLevel);
        context.updateLoggers();
        Appender appender = config.getAppender(NAME);
        if (appender != null) {
            appender.stop();
        }
    }
}
