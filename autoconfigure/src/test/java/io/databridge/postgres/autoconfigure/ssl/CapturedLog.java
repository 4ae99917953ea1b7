package io.databridge.postgres.autoconfigure.ssl;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.AppenderBase;
import org.slf4j.LoggerFactory;

/**
 * Everything logged at DEBUG or above under some logger names while it runs: SLF4J
 * (logback) events and pgjdbc's {@code java.util.logging} records at FINEST, messages and
 * exception chains included. What it captures is not printed to the console.
 */
final class CapturedLog {

	private final List<String> lines = new ArrayList<>();

	private final List<Logger> loggers = new ArrayList<>();

	private final List<ch.qos.logback.classic.Level> levels = new ArrayList<>();

	private final List<Boolean> additivity = new ArrayList<>();

	private final AppenderBase<ILoggingEvent> appender = new AppenderBase<>() {
		@Override
		protected void append(ILoggingEvent event) {
			StringBuilder line = new StringBuilder(event.getLoggerName()).append(' ')
				.append(event.getFormattedMessage());
			for (IThrowableProxy cause = event.getThrowableProxy(); cause != null; cause = cause.getCause()) {
				line.append(" | ").append(cause.getClassName()).append(": ").append(cause.getMessage());
			}
			add(line.toString());
		}
	};

	private final Handler handler = new Handler() {
		@Override
		public void publish(LogRecord record) {
			StringBuilder line = new StringBuilder(record.getLoggerName()).append(' ')
				.append(new java.util.logging.SimpleFormatter().formatMessage(record));
			for (Throwable cause = record.getThrown(); cause != null; cause = cause.getCause()) {
				line.append(" | ").append(cause);
			}
			add(line.toString());
		}

		@Override
		public void flush() {
		}

		@Override
		public void close() {
		}
	};

	private CapturedLog() {
	}

	static CapturedLog start(String... names) {
		CapturedLog log = new CapturedLog();
		LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
		log.appender.setContext(context);
		log.appender.start();
		for (String name : names) {
			Logger logger = context.getLogger(name);
			log.loggers.add(logger);
			log.levels.add(logger.getLevel());
			log.additivity.add(logger.isAdditive());
			logger.setLevel(ch.qos.logback.classic.Level.DEBUG);
			// captured, not printed: the console keeps the build's own level
			logger.setAdditive(false);
			logger.addAppender(log.appender);
		}
		java.util.logging.Logger pgjdbc = java.util.logging.Logger.getLogger("org.postgresql");
		log.handler.setLevel(Level.FINEST);
		pgjdbc.setLevel(Level.FINEST);
		pgjdbc.addHandler(log.handler);
		return log;
	}

	private synchronized void add(String line) {
		this.lines.add(line);
	}

	void stop() {
		for (int i = 0; i < this.loggers.size(); i++) {
			this.loggers.get(i).detachAppender(this.appender);
			this.loggers.get(i).setLevel(this.levels.get(i));
			this.loggers.get(i).setAdditive(this.additivity.get(i));
		}
		java.util.logging.Logger pgjdbc = java.util.logging.Logger.getLogger("org.postgresql");
		pgjdbc.removeHandler(this.handler);
		pgjdbc.setLevel(null);
		this.appender.stop();
	}

	synchronized String text() {
		return String.join("\n", this.lines);
	}

}
