package io.github.bytezspring.client.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link MediaFiles}.
 */
class MediaFilesTests {

	private static final byte[] OLD = "the old file".getBytes(StandardCharsets.UTF_8);

	@Test
	void writesANewFileWithExactlyTheBytes(@TempDir Path dir) throws IOException {
		Path target = dir.resolve("out.bin");

		StepVerifier.create(MediaFiles.write(buffers("first ", "second ", "third"), target)).verifyComplete();

		assertThat(Files.readString(target)).isEqualTo("first second third");
		assertThat(files(dir)).containsExactly(target);
	}

	@Test
	void replacesAnExistingFile(@TempDir Path dir) throws IOException {
		Path target = Files.write(dir.resolve("out.bin"), OLD);

		StepVerifier.create(MediaFiles.write(buffers("new"), target)).verifyComplete();

		assertThat(Files.readString(target)).isEqualTo("new");
		assertThat(files(dir)).containsExactly(target);
	}

	@Test
	void aRelativeTargetIsWrittenWhereItPoints(@TempDir Path dir) throws IOException {
		Path target = Path.of("").toAbsolutePath().relativize(dir.resolve("relative.bin"));

		StepVerifier.create(MediaFiles.write(buffers("x"), target)).verifyComplete();

		assertThat(Files.readString(dir.resolve("relative.bin"))).isEqualTo("x");
	}

	@Test
	void aFailureLeavesAnExistingFileUnchangedAndNoTemporaryFile(@TempDir Path dir) throws IOException {
		Path target = Files.write(dir.resolve("out.bin"), OLD);
		IllegalStateException cut = new IllegalStateException("cut");

		StepVerifier.create(MediaFiles.write(buffers("partial").concatWith(Flux.error(cut)), target))
			.verifyErrorSatisfies((error) -> assertThat(error).isSameAs(cut));

		assertThat(Files.readAllBytes(target)).isEqualTo(OLD);
		assertThat(files(dir)).containsExactly(target);
	}

	@Test
	void aFailureLeavesAnAbsentFileAbsent(@TempDir Path dir) throws IOException {
		Path target = dir.resolve("out.bin");

		StepVerifier
			.create(MediaFiles.write(buffers("partial").concatWith(Flux.error(new IllegalStateException())), target))
			.verifyError(IllegalStateException.class);

		assertThat(files(dir)).isEmpty();
	}

	@Test
	void cancellingDeletesTheTemporaryFileAndLeavesTheTargetUnchanged(@TempDir Path dir) throws IOException {
		Path target = Files.write(dir.resolve("out.bin"), OLD);

		Disposable writing = MediaFiles.write(buffers("partial").concatWith(Flux.never()), target).subscribe();
		await().atMost(Duration.ofSeconds(5)).until(() -> files(dir).size() == 2);
		writing.dispose();

		await().atMost(Duration.ofSeconds(5)).until(() -> files(dir).size() == 1);
		assertThat(files(dir)).containsExactly(target);
		assertThat(Files.readAllBytes(target)).isEqualTo(OLD);
	}

	@Test
	void aMissingFolderFailsWithoutCreatingIt(@TempDir Path dir) {
		Path target = dir.resolve("missing").resolve("out.bin");

		StepVerifier.create(MediaFiles.write(buffers("x"), target)).verifyError(NoSuchFileException.class);

		assertThat(dir.resolve("missing")).doesNotExist();
	}

	@Test
	void nullArgumentsAreRejectedAtOnce(@TempDir Path dir) {
		assertThatIllegalArgumentException().isThrownBy(() -> MediaFiles.write(null, dir.resolve("x")))
			.withMessage("content must not be null");
		assertThatIllegalArgumentException().isThrownBy(() -> MediaFiles.write(buffers("x"), null))
			.withMessage("target must not be null");
	}

	private static Flux<DataBuffer> buffers(String... pieces) {
		return Flux.fromArray(pieces)
			.map((piece) -> DefaultDataBufferFactory.sharedInstance.wrap(piece.getBytes(StandardCharsets.UTF_8)));
	}

	private static List<Path> files(Path dir) throws IOException {
		try (Stream<Path> files = Files.list(dir)) {
			return files.sorted().toList();
		}
	}

}
