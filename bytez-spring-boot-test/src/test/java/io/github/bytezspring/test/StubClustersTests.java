package io.github.bytezspring.test;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the stub's cluster endpoints.
 */
@ExtendWith(BytezStubExtension.class)
class StubClustersTests {

	private static final String PATH = "/models/v2/Qwen/Qwen3-4B";

	private final BytezStubServer stub;

	private final StubHttp http;

	StubClustersTests(BytezStubServer stub) {
		this.stub = stub;
		this.http = new StubHttp(stub);
	}

	@Test
	void createReadUpdateListAndDeleteACluster() {
		HttpResponse<String> created = this.http.send("PUT", PATH,
				"{\"capacity\":{\"min\":1,\"desired\":2,\"max\":3},\"timeout\":30}");
		assertThat(created.statusCode()).isEqualTo(200);
		JsonNode cluster = StubHttp.json(created).get("output");
		assertThat(cluster.get("modelId").stringValue()).isEqualTo("Qwen/Qwen3-4B");
		assertThat(cluster.get("status").stringValue()).isEqualTo("on");
		assertThat(cluster.get("timeout").intValue()).isEqualTo(30);
		assertThat(cluster.get("capacity").get("desired").intValue()).isEqualTo(2);
		assertThat(cluster.get("instances").intValue()).isEqualTo(2);
		assertThat(cluster.get("inferences").intValue()).isZero();
		assertThat(cluster.get("lastInference").isNull()).isTrue();

		assertThat(this.http.send("POST", PATH, "{\"messages\":[]}").statusCode()).isEqualTo(200);
		JsonNode read = StubHttp.json(this.http.send("GET", PATH, null)).get("output");
		assertThat(read.get("inferences").intValue()).isEqualTo(1);
		assertThat(read.get("lastInference").isString()).isTrue();

		JsonNode off = StubHttp.json(this.http.send("PATCH", PATH, "{\"status\":\"off\",\"timeout\":10}"))
			.get("output");
		assertThat(off.get("status").stringValue()).isEqualTo("off");
		assertThat(off.get("timeout").intValue()).isEqualTo(10);
		assertThat(off.get("instances").intValue()).isZero();

		JsonNode list = StubHttp.json(this.http.send("GET", "/models/v2/list/clusters", null)).get("output");
		assertThat(list).hasSize(1);
		assertThat(list.get(0).get("status").stringValue()).isEqualTo("off");

		HttpResponse<String> deleted = this.http.send("DELETE", PATH, null);
		assertThat(deleted.statusCode()).isEqualTo(200);
		assertThat(StubHttp.json(deleted).get("output").get("modelId").stringValue()).isEqualTo("Qwen/Qwen3-4B");
		assertThat(StubHttp.json(this.http.send("GET", "/models/v2/list/clusters", null)).get("output")).isEmpty();
		assertThat(this.stub.requests("Qwen/Qwen3-4B")).extracting(StubRequest::method)
			.containsExactly("PUT", "POST", "GET", "PATCH", "DELETE");
	}

	@Test
	void aClusterThatDoesNotExistIs404AndOneThatDoesIs409() {
		HttpResponse<String> missing = this.http.send("GET", PATH, null);
		assertThat(missing.statusCode()).isEqualTo(404);
		assertThat(StubHttp.json(missing).get("error").stringValue()).isEqualTo("No cluster for Qwen/Qwen3-4B");
		assertThat(this.http.send("PATCH", PATH, "{\"status\":\"on\"}").statusCode()).isEqualTo(404);
		assertThat(this.http.send("DELETE", PATH, null).statusCode()).isEqualTo(404);
		assertThat(this.http.send("PUT", PATH, "{}").statusCode()).isEqualTo(200);
		HttpResponse<String> again = this.http.send("PUT", PATH, "{}");
		assertThat(again.statusCode()).isEqualTo(409);
		assertThat(StubHttp.json(again).get("error").stringValue()).contains("already exists");
	}

	@Test
	void createAppliesDefaultsAndValidates() {
		JsonNode cluster = StubHttp.json(this.http.send("PUT", PATH, "{}")).get("output");
		assertThat(cluster.get("timeout").intValue()).isEqualTo(5);
		assertThat(cluster.get("capacity").toString()).isEqualTo("{\"min\":0,\"desired\":1,\"max\":1}");
		this.stub.reset();
		assertThat(this.http.send("PUT", PATH, "{\"timeout\":0}").statusCode()).isEqualTo(400);
		assertThat(this.http.send("PUT", PATH, "{\"timeout\":1441}").statusCode()).isEqualTo(400);
		HttpResponse<String> badCapacity = this.http.send("PUT", PATH, "{\"capacity\":{\"min\":3,\"max\":1}}");
		assertThat(badCapacity.statusCode()).isEqualTo(400);
		assertThat(StubHttp.json(badCapacity).get("error").stringValue()).contains("min <= desired <= max");
		assertThat(this.http.send("PUT", PATH, "{\"status\":\"off\"}").statusCode()).isEqualTo(400);
		assertThat(this.http.send("PUT", PATH, "[]").statusCode()).isEqualTo(400);
		this.http.send("PUT", PATH, "{}");
		assertThat(this.http.send("PATCH", PATH, "{\"status\":\"paused\"}").statusCode()).isEqualTo(400);
	}

	@Test
	void resetDropsTheClusters() {
		this.http.send("PUT", PATH, "{}");
		this.stub.reset();
		assertThat(this.http.send("GET", PATH, null).statusCode()).isEqualTo(404);
	}

}
