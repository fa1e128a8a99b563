package io.github.bytezspring.test;

import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.matching.MatchResult;
import com.github.tomakehurst.wiremock.matching.ValueMatcher;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.ObjectMapper;

/**
 * Answers the calls a {@link StubScript} is waiting for: matches a request when a script
 * targets it (without using the script up, as WireMock may match a request more than
 * once) and takes the script when it answers.
 * <p>
 * Two calls racing for a script's last use both match; the one that comes second finds
 * nothing left and gets the normal answer.
 */
final class ScriptedAnswers implements ResponseDefinitionTransformerV2, ValueMatcher<Request> {

	static final String NAME = "bytez-scripts";

	private final ObjectMapper mapper;

	private final StubScripts scripts;

	private final BytezAnswers answers;

	ScriptedAnswers(ObjectMapper mapper, StubScripts scripts, BytezAnswers answers) {
		this.mapper = mapper;
		this.scripts = scripts;
		this.answers = answers;
	}

	@Override
	public String getName() {
		return NAME;
	}

	@Override
	public boolean applyGlobally() {
		return false;
	}

	@Override
	public MatchResult match(Request request) {
		return MatchResult.of(this.scripts.hasPending(target(request)));
	}

	@Override
	public ResponseDefinition transform(ServeEvent serveEvent) {
		Request request = serveEvent.getRequest();
		StubBehaviour behaviour = this.scripts.take(target(request));
		if (behaviour == null) {
			return this.answers.answer(request).build();
		}
		return behaviour.respond(() -> this.answers.answer(request).build());
	}

	private @Nullable String target(Request request) {
		return BytezAnswers.modelOf(BytezAnswers.pathOf(request), request.getBody(), this.mapper);
	}

}
