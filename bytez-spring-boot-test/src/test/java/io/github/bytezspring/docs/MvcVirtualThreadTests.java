package io.github.bytezspring.docs;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.bytezspring.mvcapp.MvcApplication;
import io.github.bytezspring.test.AutoConfigureBytezStub;
import io.github.bytezspring.test.BytezStubServer;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.TestRestTemplate;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureTestRestTemplate;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Holds the blocking controller of {@code docs/spring-mvc.md}: with
 * {@code spring.threads.virtual.enabled=true} Tomcat serves each request on a virtual
 * thread (Java 21 or newer), where {@code block()} parks the virtual thread only. The
 * build runs on Java 17 and on Java 25: on 17, which has no virtual threads, Boot ignores
 * the property and the request runs on a platform thread, where {@code block()} works too
 * but holds the thread.
 */
@SpringBootTest(classes = MvcApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.threads.virtual.enabled=true", "bytez.retry.initial-backoff=5ms" })
@AutoConfigureBytezStub
@AutoConfigureTestRestTemplate
@Import(MvcVirtualThreadTests.RequestThreadsConfiguration.class)
class MvcVirtualThreadTests {

	private static final String REACTOR_VIRTUAL_THREADS = "reactor.schedulers.defaultBoundedElasticOnVirtualThreads";

	// Boot sets the system property for the whole JVM; the tests that run after this
	// class do not get it
	private static final String REACTOR_VIRTUAL_THREADS_BEFORE = System.getProperty(REACTOR_VIRTUAL_THREADS);

	@Autowired
	TestRestTemplate rest;

	@Autowired
	BytezStubServer stub;

	@Autowired
	RequestThreads threads;

	@Test
	@EnabledForJreRange(min = JRE.JAVA_21)
	void blockRunsOnAVirtualThread() {
		assertThat(answerNow()).isEqualTo("{\"text\":\" London,\\n of course.\"}");
		assertThat(this.threads.seen()).singleElement().satisfies((thread) -> assertThat(isVirtual(thread)).isTrue());
		// Boot also moves Reactor's boundedElastic scheduler to virtual threads
		// (JVM-wide)
		assertThat(System.getProperty(REACTOR_VIRTUAL_THREADS)).isEqualTo("true");
	}

	@Test
	@EnabledForJreRange(max = JRE.JAVA_20)
	void blockRunsOnAPlatformThreadBeforeJava21() {
		assertThat(answerNow()).isEqualTo("{\"text\":\" London,\\n of course.\"}");
		assertThat(this.threads.seen()).singleElement()
			.satisfies((thread) -> assertThat(thread.getName()).startsWith("http-nio-"));
	}

	@AfterAll
	static void restoreReactorProperty() {
		if (REACTOR_VIRTUAL_THREADS_BEFORE == null) {
			System.clearProperty(REACTOR_VIRTUAL_THREADS);
		}
	}

	private String answerNow() {
		this.threads.clear();
		this.stub.answerText("Qwen/Qwen3-4B", " London,\n of course.");
		ResponseEntity<String> response = this.rest.getForEntity("/answer-now?question={q}", String.class,
				"Capital of England?");
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(this.stub.lastRequest("Qwen/Qwen3-4B").json().get("messages").get(0).get("content").stringValue())
			.isEqualTo("Capital of England?");
		return response.getBody();
	}

	// Thread.isVirtual() exists from Java 21; the test sources are compiled for Java 17
	private static boolean isVirtual(Thread thread) {
		try {
			return (boolean) Thread.class.getMethod("isVirtual").invoke(thread);
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Gives the application a {@link RequestThreads} filter.
	 */
	@TestConfiguration(proxyBeanMethods = false)
	static class RequestThreadsConfiguration {

		@Bean
		RequestThreads requestThreads() {
			return new RequestThreads();
		}

	}

	/**
	 * Records the thread that serves each {@code /answer-now} request: a synchronous
	 * controller runs on the thread that runs the servlet filters.
	 */
	static class RequestThreads implements Filter {

		private final List<Thread> seen = new CopyOnWriteArrayList<>();

		@Override
		public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
				throws IOException, ServletException {
			if (request instanceof HttpServletRequest http && http.getRequestURI().equals("/answer-now")) {
				this.seen.add(Thread.currentThread());
			}
			chain.doFilter(request, response);
		}

		List<Thread> seen() {
			return List.copyOf(this.seen);
		}

		void clear() {
			this.seen.clear();
		}

	}

}
