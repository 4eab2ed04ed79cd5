package dev.momo.testing;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;

/**
 * Records the log lines of the loggers under a package, at the levels that the Log4j 2
 * configuration passes (INFO and above with the project's log4j2.xml), while it is open.
 */
public final class CapturedLogs implements AutoCloseable {

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final LoggerContext context = (LoggerContext) LogManager.getContext(false);
    private final LoggerConfig loggerConfig;
    private final AbstractAppender appender;

    /** Starts recording the loggers whose names start with {@code packageName}. */
    public CapturedLogs(final String packageName) {
        loggerConfig = context.getConfiguration().getLoggerConfig(packageName);
        appender = new AbstractAppender("captured-" + UUID.randomUUID(), null, null, true, Property.EMPTY_ARRAY) {
            @Override
            public void append(final LogEvent event) {
                if (event.getLoggerName().startsWith(packageName)) {
                    final Throwable thrown = event.getThrown();
                    lines.add(event.getLevel() + " " + event.getMessage().getFormattedMessage()
                            + (thrown == null ? "" : " " + thrown));
                }
            }
        };
        appender.start();
        loggerConfig.addAppender(appender, null, null);
        context.updateLoggers();
    }

    /** Returns the lines so far, each as "LEVEL message". */
    public List<String> lines() {
        return List.copyOf(lines);
    }

    @Override
    public void close() {
        loggerConfig.removeAppender(appender.getName());
        context.updateLoggers();
        appender.stop();
    }
}
