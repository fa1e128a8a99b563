package io.github.bytezspring.client;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import ch.qos.logback.core.AppenderBase;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.slf4j.LoggerFactory;

/**
 * The log events of one test, captured from Logback instead of the console so that a test asserts on
 * them (and expected warnings are not printed): register with {@code @ExtendWith(CapturedLogs.class)}
 * and take a {@code CapturedLogs} parameter.
 */
public final class CapturedLogs extends AppenderBase<ILoggingEvent>
		implements BeforeEachCallback, AfterEachCallback, ParameterResolver {

	private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(CapturedLogs.class);

	private final List<ILoggingEvent> events = new CopyOnWriteArrayList<>();

	/**
	 * Every captured event as one text: {@code LEVEL logger - message}, then the stack trace lines of a
	 * throwable, if any.
	 * @return the text
	 */
	public String text() {
		StringBuilder text = new StringBuilder();
		for (ILoggingEvent event : this.events) {
			text.append(event.getLevel()).append(' ').append(event.getLoggerName()).append(" - ")
				.append(event.getFormattedMessage()).append('\n');
			for (IThrowableProxy cause = event.getThrowableProxy(); cause != null; cause = cause.getCause()) {
				text.append(cause.getClassName()).append(": ").append(cause.getMessage()).append('\n');
				for (StackTraceElementProxy element : cause.getStackTraceElementProxyArray()) {
					text.append('\t').append(element.getSTEAsString()).append('\n');
				}
			}
		}
		return text.toString();
	}

	/**
	 * The formatted messages logged at one level.
	 * @param level the level
	 * @return the messages, in order
	 */
	public List<String> messages(Level level) {
		return this.events.stream().filter((event) -> event.getLevel() == level)
			.map(ILoggingEvent::getFormattedMessage).toList();
	}

	@Override
	protected void append(ILoggingEvent event) {
		event.prepareForDeferredProcessing();
		this.events.add(event);
	}

	@Override
	public void beforeEach(ExtensionContext context) {
		CapturedLogs capture = new CapturedLogs();
		LoggerContext loggers = (LoggerContext) LoggerFactory.getILoggerFactory();
		capture.setContext(loggers);
		capture.start();
		Logger root = loggers.getLogger(Logger.ROOT_LOGGER_NAME);
		root.addAppender(capture);
		context.getStore(NAMESPACE).put(CapturedLogs.class, capture);
	}

	@Override
	public void afterEach(ExtensionContext context) {
		CapturedLogs capture = context.getStore(NAMESPACE).remove(CapturedLogs.class, CapturedLogs.class);
		if (capture != null) {
			((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(Logger.ROOT_LOGGER_NAME).detachAppender(capture);
			capture.stop();
		}
	}

	@Override
	public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
		return parameter.getParameter().getType() == CapturedLogs.class;
	}

	@Override
	public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
		return context.getStore(NAMESPACE).get(CapturedLogs.class, CapturedLogs.class);
	}


}
