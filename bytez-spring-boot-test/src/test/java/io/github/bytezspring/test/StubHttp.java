package io.github.bytezspring.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Plain HTTP calls to a stub, for endpoints the client does not cover and for raw bytes.
 */
final class StubHttp {

	static final JsonMapper MAPPER = JsonMapper.builder().build();

	private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	private final BytezStubServer stub;

	StubHttp(BytezStubServer stub) {
		this.stub = stub;
	}

	HttpResponse<String> send(String method, String path, String json) {
		return send(method, path, json, HttpResponse.BodyHandlers.ofString());
	}

	<T> HttpResponse<T> send(String method, String path, String json, HttpResponse.BodyHandler<T> handler) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.stub.baseUrl() + path))
			.timeout(Duration.ofSeconds(10))
			.header("Authorization", BytezStubServer.API_KEY);
		if (json != null) {
			request.header("Content-Type", "application/json")
				.method(method, HttpRequest.BodyPublishers.ofString(json));
		}
		else {
			request.method(method, HttpRequest.BodyPublishers.noBody());
		}
		try {
			return CLIENT.send(request.build(), handler);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	static JsonNode json(HttpResponse<String> response) {
		return MAPPER.readTree(response.body());
	}

}
