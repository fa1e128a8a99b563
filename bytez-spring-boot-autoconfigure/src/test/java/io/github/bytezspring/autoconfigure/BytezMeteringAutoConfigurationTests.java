package io.github.bytezspring.autoconfigure;

import io.github.bytezspring.client.BytezTemplate;
import io.github.bytezspring.client.model.BytezInput;
import io.github.bytezspring.client.model.BytezOptions;
import io.github.bytezspring.client.observation.BytezCallListener;
import io.github.bytezspring.client.observation.BytezMeterFilter;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;

import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

class BytezMeteringAutoConfigurationTests {

	@RegisterExtension
	static WireMockExtension bytez = WireMockExtension.newInstance()
		.options(wireMockConfig().bindAddress("127.0.0.1").dynamicPort().gzipDisabled(true))
		.build();

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(HttpClientAutoConfiguration.class, ReactiveHttpClientAutoConfiguration.class,
						WebClientAutoConfiguration.class, BytezAutoConfiguration.class))
		.withPropertyValues("bytez.api-key=k", "bytez.base-url=" + bytez.baseUrl());

	@Test
	void autoScaleIsSentWhenThePropertySaysSoUnlessACallSaysOtherwise() {
		bytez.stubFor(post("/models/v2/org/model").willReturn(okJson("{\"error\":null,\"output\":\"ok\"}")));
		this.runner.withPropertyValues("bytez.auto-scale=true").run((context) -> {
			assertThat(context.getBean(BytezProperties.class).isAutoScale()).isTrue();
			BytezTemplate template = context.getBean(BytezTemplate.class);
			template.run("org/model", BytezInput.text("scaled")).block(Duration.ofSeconds(5));
			template.run("org/model", BytezInput.text("plain"), BytezOptions.builder().autoScale(false).build())
				.block(Duration.ofSeconds(5));
		});
		bytez.verify(1, postRequestedFor(urlEqualTo("/models/v2/org/model"))
			.withRequestBody(equalToJson("{\"text\":\"scaled\",\"autoScale\":true}")));
		bytez.verify(1, postRequestedFor(urlEqualTo("/models/v2/org/model"))
			.withRequestBody(equalToJson("{\"text\":\"plain\"}")));
	}

	@Test
	void autoScaleIsOffByDefault() {
		bytez.stubFor(post("/models/v2/org/model").willReturn(okJson("{\"error\":null,\"output\":\"ok\"}")));
		this.runner.run((context) -> context.getBean(BytezTemplate.class)
			.run("org/model", BytezInput.text("x"), BytezOptions.builder().autoScale(true).build())
			.block(Duration.ofSeconds(5)));
		this.runner.run((context) -> context.getBean(BytezTemplate.class)
			.run("org/model", BytezInput.text("y"))
			.block(Duration.ofSeconds(5)));
		bytez.verify(1, postRequestedFor(urlEqualTo("/models/v2/org/model"))
			.withRequestBody(equalToJson("{\"text\":\"x\",\"autoScale\":true}")));
		bytez.verify(1,
				postRequestedFor(urlEqualTo("/models/v2/org/model")).withRequestBody(equalToJson("{\"text\":\"y\"}")));
	}

	@Test
	void callListenerBeansSeeEveryAnswerAndTheMeterFilterIsABean() {
		bytez.stubFor(post("/models/v2/org/model")
			.willReturn(okJson("{\"error\":null,\"output\":\"ok\"}").withHeader("ratelimit-limit", "40")
				.withHeader("ratelimit-remaining", "39")));
		List<BytezCallListener.Event> first = new CopyOnWriteArrayList<>();
		List<BytezCallListener.Event> second = new CopyOnWriteArrayList<>();
		this.runner.withBean("first", BytezCallListener.class, () -> first::add)
			.withBean("second", BytezCallListener.class, () -> second::add)
			.run((context) -> {
				assertThat(context).hasSingleBean(BytezMeterFilter.class);
				context.getBean(BytezTemplate.class)
					.run("org/model", BytezInput.text("x"))
					.block(Duration.ofSeconds(5));
			});
		assertThat(first).singleElement().satisfies((event) -> {
			assertThat(event.metadata().limit()).hasValue(40);
			assertThat(event.metadata().remaining()).hasValue(39);
		});
		assertThat(second).hasSize(1);
	}

}
