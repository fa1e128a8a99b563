package io.github.bytezspring.client;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

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
 * The log events of one test, captured from Logback so that a test asserts on them. Two
 * ways to use it:
 * <ul>
 * <li>{@code @ExtendWith(CapturedLogs.class)} and a {@code CapturedLogs} parameter: every
 * event of every logger is captured (and still printed), e.g. to assert that no key
 * appears at any level;</li>
 * <li>{@code @RegisterExtension CapturedLogs logs = CapturedLogs.of(SomeLogger.class).expecting(..)}:
 * the events of the named loggers are captured <em>instead of</em> printed, and after
 * each test every captured warning or error must match one of the expected patterns, else
 * the test fails showing it, so that expected warnings stay out of the build log while
 * unexpected ones are never hidden.</li>
 * </ul>
 */
public final class CapturedLogs implements BeforeEachCallback, AfterEachCallback, ParameterResolver {

	/**
	 * The one line the client logs at WARN per retry, e.g.
	 * {@code Bytez run of 'org/model' attempt 1 of 4
	 * failed (HTTP 429); retrying in 9ms}: no key, no body, no stack trace.
	 */
	public static final String RETRY_WARNING = "Bytez [a-z-]+( of '[^']+')? attempt \\d+ of \\d+ failed "
			+ "\\((HTTP \\d{3}|[A-Za-z]+)\\); retrying in \\d+ms";

	/**
	 * The logger of the retry warnings.
	 */
	public static final String RETRY_LOGGER = "io.github.bytezspring.client.internal.BytezRetry";

	/**
	 * The logger of Reactor Netty's report of a connection that broke during an exchange.
	 */
	public static final String NETTY_CONNECTION_LOGGER = "reactor.netty.http.client.HttpClientConnect";

	/**
	 * The logger of an {@code ApplicationContextRunner}'s context, which reports a failed
	 * refresh.
	 */
	public static final String REFRESH_FAILURE_LOGGER = "org.springframework.context.annotation.AnnotationConfigApplicationContext";

	/**
	 * Spring's WARN line when a context the test expects to fail (e.g. an
	 * {@code ApplicationContextRunner}'s) does not start; the test asserts the failure
	 * itself.
	 */
	public static final String REFRESH_FAILURE = "Exception encountered during context initialization - "
			+ "cancelling refresh attempt: .+";

	/**
	 * Reactor Netty's WARN line for a connection that broke during an exchange (the
	 * failure itself reaches the caller as a typed exception).
	 */
	public static final String NETTY_CONNECTION_ERROR = "\\[[^\\]]+\\] The connection observed an error"
			+ "(, the request cannot be retried as the headers/body were sent)?";

	private final List<String> loggerNames;

	private final List<Expectation> expectations = new ArrayList<>();

	private final List<String> secrets = new ArrayList<>();

	private final List<Boolean> additivity = new ArrayList<>();

	private volatile Capture current = new Capture();

	/**
	 * Captures every logger, printing as before; for
	 * {@code @ExtendWith(CapturedLogs.class)}.
	 */
	public CapturedLogs() {
		this.loggerNames = List.of();
	}

	private CapturedLogs(List<String> loggerNames) {
		this.loggerNames = loggerNames;
	}

	/**
	 * Captures the client's retry warnings instead of printing them, each expected in its
	 * one-line form.
	 * @return the extension, to register with {@code @RegisterExtension}
	 */
	public static CapturedLogs retries() {
		return of(RETRY_LOGGER).expecting(Level.WARN, RETRY_WARNING);
	}

	/**
	 * Captures the events of the given loggers (and their children) instead of printing
	 * them.
	 * @param loggers the classes whose loggers to capture
	 * @return the extension, to register with {@code @RegisterExtension}
	 */
	public static CapturedLogs of(Class<?>... loggers) {
		return of(Arrays.stream(loggers).map(Class::getName).toArray(String[]::new));
	}

	/**
	 * Captures the events of the named loggers (and their children) instead of printing
	 * them.
	 * @param loggerNames the logger names
	 * @return the extension, to register with {@code @RegisterExtension}
	 */
	public static CapturedLogs of(String... loggerNames) {
		if (loggerNames.length == 0) {
			throw new IllegalArgumentException("loggerNames must name at least one logger");
		}
		return new CapturedLogs(List.of(loggerNames));
	}

	/**
	 * Declares a warning or error the tests expect: captured events at that level whose
	 * formatted message matches the whole pattern pass the after-test check.
	 * @param level the level
	 * @param messagePattern a regular expression the whole message must match
	 * @return this extension
	 */
	public CapturedLogs expecting(Level level, String messagePattern) {
		this.expectations.add(new Expectation(level, Pattern.compile(messagePattern, Pattern.DOTALL)));
		return this;
	}

	/**
	 * Declares values that no captured event may show, in its message or its throwables'
	 * messages: the after-test check fails when one does.
	 * @param secrets the values, e.g. the test's API keys
	 * @return this extension
	 */
	public CapturedLogs neverShowing(String... secrets) {
		this.secrets.addAll(List.of(secrets));
		return this;
	}

	/**
	 * Every captured event as one text: {@code LEVEL logger - message}, then the stack
	 * trace lines of a throwable, if any.
	 * @return the text
	 */
	public String text() {
		return text(this.current);
	}

	private static String text(Capture capture) {
		StringBuilder text = new StringBuilder();
		for (ILoggingEvent event : capture.events) {
			text.append(describe(event));
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
		return this.current.events.stream()
			.filter((event) -> event.getLevel() == level)
			.map(ILoggingEvent::getFormattedMessage)
			.toList();
	}

	/**
	 * The formatted messages one logger logged at one level.
	 * @param logger the class whose logger logged them
	 * @param level the level
	 * @return the messages, in order
	 */
	public List<String> messages(Class<?> logger, Level level) {
		return messages(logger.getName(), level);
	}

	/**
	 * The formatted messages one logger logged at one level.
	 * @param loggerName the logger's name
	 * @param level the level
	 * @return the messages, in order
	 */
	public List<String> messages(String loggerName, Level level) {
		return this.current.events.stream()
			.filter((event) -> event.getLevel() == level && event.getLoggerName().equals(loggerName))
			.map(ILoggingEvent::getFormattedMessage)
			.toList();
	}

	@Override
	public void beforeEach(ExtensionContext context) {
		Capture capture = new Capture();
		capture.setName("CapturedLogs");
		capture.setContext(loggers());
		capture.start();
		this.current = capture;
		this.additivity.clear();
		for (Logger logger : capturedLoggers()) {
			logger.addAppender(capture);
			if (!this.loggerNames.isEmpty()) {
				this.additivity.add(logger.isAdditive());
				logger.setAdditive(false);
			}
		}
	}

	@Override
	public void afterEach(ExtensionContext context) {
		Capture capture = this.current;
		List<Logger> loggers = capturedLoggers();
		for (int i = 0; i < loggers.size(); i++) {
			loggers.get(i).detachAppender(capture);
			if (!this.loggerNames.isEmpty()) {
				loggers.get(i).setAdditive(this.additivity.get(i));
			}
		}
		// not stopped: a logging thread may still hold the appender list it read before
		// the detach, and
		// Logback reports an append to a stopped appender; a detached capture receives
		// nothing new anyway
		if (this.loggerNames.isEmpty()) {
			return;
		}
		String text = text(capture);
		List<String> shown = this.secrets.stream().filter(text::contains).toList();
		if (!shown.isEmpty()) {
			throw new AssertionError("Captured log events show " + shown.size() + " secret value(s):\n" + text);
		}
		List<String> unexpected = capture.events.stream()
			.filter((event) -> event.getLevel().isGreaterOrEqual(Level.WARN))
			.filter((event) -> this.expectations.stream().noneMatch((expected) -> expected.matches(event)))
			.map(CapturedLogs::describe)
			.toList();
		if (!unexpected.isEmpty()) {
			throw new AssertionError("Unexpected warnings or errors logged by " + this.loggerNames + ":\n"
					+ String.join("", unexpected));
		}
	}

	@Override
	public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
		return parameter.getParameter().getType() == CapturedLogs.class;
	}

	@Override
	public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
		return this;
	}

	private List<Logger> capturedLoggers() {
		LoggerContext loggers = loggers();
		if (this.loggerNames.isEmpty()) {
			return List.of(loggers.getLogger(Logger.ROOT_LOGGER_NAME));
		}
		return this.loggerNames.stream().map(loggers::getLogger).toList();
	}

	private static LoggerContext loggers() {
		return (LoggerContext) LoggerFactory.getILoggerFactory();
	}

	private static String describe(ILoggingEvent event) {
		return event.getLevel() + " " + event.getLoggerName() + " - " + event.getFormattedMessage() + "\n";
	}

	private record Expectation(Level level, Pattern message) {

		boolean matches(ILoggingEvent event) {
			return event.getLevel() == this.level && this.message.matcher(event.getFormattedMessage()).matches();
		}

	}

	/**
	 * One test's events.
	 */
	private static final class Capture extends AppenderBase<ILoggingEvent> {

		private final List<ILoggingEvent> events = new CopyOnWriteArrayList<>();

		@Override
		protected void append(ILoggingEvent event) {
			event.prepareForDeferredProcessing();
			this.events.add(event);
		}

	}

}
