package io.github.bytezspring.test;

import io.github.bytezspring.autoconfigure.BytezConnectionDetails;

/**
 * {@link BytezConnectionDetails} that point the auto-configured Bytez client at a
 * {@link BytezStubServer}, with the stub's key.
 */
final class BytezStubConnectionDetails implements BytezConnectionDetails {

	/** The name of the connection details' bean. */
	static final String BEAN_NAME = "bytezStubConnectionDetails";

	private final BytezStubServer stub;

	BytezStubConnectionDetails(BytezStubServer stub) {
		this.stub = stub;
	}

	@Override
	public String getBaseUrl() {
		return this.stub.baseUrl();
	}

	@Override
	public String getApiKey() {
		return BytezStubServer.API_KEY;
	}

	@Override
	public String toString() {
		return "BytezStubConnectionDetails[" + this.stub.baseUrl() + "]";
	}

}
