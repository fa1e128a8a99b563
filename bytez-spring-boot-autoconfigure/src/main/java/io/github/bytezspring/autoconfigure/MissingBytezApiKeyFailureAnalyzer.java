package io.github.bytezspring.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a missing Bytez API key at startup and shows the ways to set one.
 */
class MissingBytezApiKeyFailureAnalyzer extends AbstractFailureAnalyzer<MissingBytezApiKeyException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, MissingBytezApiKeyException cause) {
		String description = "The Bytez client needs an API key, and none is configured: " + cause.getReason() + ".";
		String action = """
				Set your Bytez API key (from https://bytez.com/api) in one of these ways:
				    - export BYTEZ_API_KEY=your-key   (environment variable)
				    - bytez.api-key: ${BYTEZ_API_KEY:}   (application.yml, with the variable exported)
				    - --bytez.api-key=your-key   (command line)
				or set 'bytez.enabled=false' if this application should not call Bytez.""";
		return new FailureAnalysis(description, action, cause);
	}

}
