package io.github.bytezspring.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Points a Spring test's application context at a {@link BytezStubServer}: the stub
 * starts with the context, a {@code BytezConnectionDetails} bean points the
 * auto-configured client at it (whatever {@code bytez.base-url} and {@code bytez.api-key}
 * say), it is a bean to inject ({@code @Autowired BytezStubServer stub}), it is
 * {@link BytezStubServer#reset() reset} before each test method, and it stops when the
 * context closes.
 * <p>
 * The stub is {@link BytezStubServer#strict(boolean) strict} by default: a run request
 * with a field its model's task does not take (e.g. {@code messages} sent to a
 * text-generation model) is answered with a 400 naming the field, so a test catches a
 * wrong input shape; {@code strict = false} turns that off.
 * <p>
 * The client's concurrency limit stays local to the test's context
 * ({@code bytez.concurrency.store=local}, above the application's own configuration), so
 * that an application sharing its budget through Redis needs no Redis in its tests; a
 * test that sets {@code bytez.concurrency.store} itself (its {@code properties},
 * {@code @TestPropertySource} or {@code @DynamicPropertySource}) keeps its value.
 * <p>
 * Test classes with this annotation and otherwise equal configuration share one cached
 * context and so one stub. Use it on {@code @SpringBootTest} classes (or on
 * {@code @Nested} classes' enclosing class):
 *
 * <pre class="code">
 * &#64;SpringBootTest
 * &#64;AutoConfigureBytezStub
 * class AssistantTests {
 *
 *     &#64;Autowired
 *     BytezStubServer stub;
 *
 *     ...
 * }
 * </pre>
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface AutoConfigureBytezStub {

	/**
	 * Whether the stub checks each run request against the fields its model's task takes,
	 * answering a 400 that names an unexpected field; restored before each test method.
	 * @return {@code true} (the default) to check requests
	 */
	boolean strict() default true;

}
