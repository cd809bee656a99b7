package org.jamesxmpp.testing;

import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

import org.slf4j.LoggerFactory;

import com.google.common.collect.ImmutableList;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;

/**
 * What one logger (and the loggers below it) logs while the capture is open, each event's message formatted as it
 * is written: for tests of what peer input can do to the log.
 */
public final class LogCapture implements AutoCloseable {
    private final Logger logger;
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    private LogCapture(Logger logger) {
        this.logger = logger;
        appender.start();
        logger.addAppender(appender);
    }

    public static LogCapture of(Class<?> loggerClass) {
        return of(loggerClass.getName());
    }

    /** @param loggerName a logger name, or a package ({@code org.jamesxmpp}) for every logger below it */
    public static LogCapture of(String loggerName) {
        return new LogCapture((Logger) LoggerFactory.getLogger(loggerName));
    }

    /** The formatted messages so far, oldest first. */
    public List<String> messages() {
        synchronized (appender) {
            return appender.list.stream().map(ILoggingEvent::getFormattedMessage).collect(ImmutableList.toImmutableList());
        }
    }

    /** The messages of the exceptions logged so far, each followed by its causes' (as the stack trace prints them). */
    public List<String> exceptionMessages() {
        synchronized (appender) {
            return appender.list.stream()
                .map(ILoggingEvent::getThrowableProxy)
                .filter(Objects::nonNull)
                .flatMap(proxy -> Stream.iterate(proxy, Objects::nonNull, IThrowableProxy::getCause))
                .map(proxy -> proxy.getClassName() + ": " + proxy.getMessage())
                .collect(ImmutableList.toImmutableList());
        }
    }

    @Override
    public void close() {
        logger.detachAppender(appender);
    }
}
