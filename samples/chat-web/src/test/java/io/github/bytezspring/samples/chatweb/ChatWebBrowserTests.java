package io.github.bytezspring.samples.chatweb;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import io.github.bytezspring.test.AutoConfigureBytezStub;
import io.github.bytezspring.test.BytezStubServer;
import io.github.bytezspring.test.StreamPacing;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The page end to end in headless Chromium (Debian's {@code chromium} and
 * {@code chromium-driver}), against the application on a random port and the stub: a
 * typed question's answer grows on the page piece by piece (pieces with leading spaces
 * and line breaks inside) and ends as exactly the stub's text.
 * <p>
 * Part of the normal build: it fails, naming the packages to install, when the browser is
 * missing ({@code .ci/run} installs them).
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "chat-web.backend=Bytez stub")
@AutoConfigureBytezStub
class ChatWebBrowserTests {

	static final Path CHROMIUM = Paths.get("/usr/bin/chromium");

	static final Path CHROMEDRIVER = Paths.get("/usr/bin/chromedriver");

	/**
	 * Where the screenshot of the page goes; {@code docs/chat-web.png} is a copy of it.
	 */
	static final Path SCREENSHOT = Paths.get("target", "screenshots", "chat-web.png");

	/**
	 * The stub streams it in chunks of {@link #CHUNK_BYTES} bytes, so that many pieces
	 * start with spaces ({@code " the"}, {@code "  do"}) or hold line breaks
	 * ({@code "ep\n "}, {@code "s,\n\n"}); the Unicode at the end is cut inside its
	 * characters.
	 */
	private static final String ANSWER = "Ahoy! Streams keep\n  their leading spaces,\n\n line breaks\n inside pieces"
			+ "  and  double  spaces. ünïcödé 🙂 ";

	private static final int CHUNK_BYTES = 4;

	private static final Duration PAGE_TIMEOUT = Duration.ofSeconds(15);

	private static WebDriver browser;

	private static Path profile;

	@LocalServerPort
	private int port;

	@Autowired
	private BytezStubServer stub;

	@BeforeAll
	static void startBrowser() throws IOException {
		assertThat(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER))
			.as("%s and %s are installed (apt-get install chromium chromium-driver; .ci/run does it)", CHROMIUM,
					CHROMEDRIVER)
			.isTrue();
		// the driver is given, so Selenium Manager never looks for (or downloads) one
		System.setProperty(ChromeDriverService.CHROME_DRIVER_EXE_PROPERTY, CHROMEDRIVER.toString());
		profile = Files.createTempDirectory("chat-web-chromium");
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM.toString());
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
				"--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
				"--disable-extensions", "--window-size=1280,1180", "--user-data-dir=" + profile);
		ChromeDriverService service = new ChromeDriverService.Builder()
			.usingDriverExecutable(new File(CHROMEDRIVER.toString()))
			.usingAnyFreePort()
			.build();
		browser = new ChromeDriver(service, options);
	}

	@AfterAll
	static void stopBrowser() throws IOException {
		if (browser != null) {
			browser.quit();
		}
		if (profile != null) {
			try (Stream<Path> files = Files.walk(profile)) {
				files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
			}
		}
	}

	@Test
	void theAnswerGrowsTokenByTokenAndEndsAsTheStubsText() throws IOException {
		assertThat(chunks(ANSWER)).as("the stub's chunks").contains(" the", "  do", " lin", "ep\n ", "s,\n\n", "\n in");
		this.stub
			.answer(ChatController.CHAT_MODEL,
					JsonMapper.builder().build().createObjectNode().put("role", "assistant").put("content", ANSWER))
			.streamPacing(StreamPacing.chunkSize(CHUNK_BYTES).every(Duration.ofMillis(25)));
		browser.get("http://127.0.0.1:" + this.port + "/");
		await().atMost(PAGE_TIMEOUT).until(() -> badge().startsWith("Answers from:"));

		summariseAndClassify();
		WebElement prompt = browser.findElement(By.id("prompt"));
		prompt.sendKeys("Does streaming work?");
		browser.findElement(By.id("send")).click();

		List<String> texts = new ArrayList<>();
		await().atMost(PAGE_TIMEOUT).pollInterval(Duration.ofMillis(15)).until(() -> {
			String text = answerText();
			if (texts.isEmpty() || !texts.get(texts.size() - 1).equals(text)) {
				texts.add(text);
			}
			return "done".equals(answerState());
		});
		String last = answerText();
		assertThat(last).isEqualTo(ANSWER);
		assertThat(((JavascriptExecutor) browser)
			.executeScript("return getComputedStyle(document.querySelector('.message.assistant')).whiteSpace;"))
			.as("the answer is displayed with its spaces and line breaks")
			.isEqualTo("pre-wrap");
		List<String> partial = texts.stream().filter((text) -> !text.isEmpty() && !text.equals(ANSWER)).toList();
		assertThat(partial).as("texts seen while the answer streamed: %s", texts).hasSizeGreaterThanOrEqualTo(2);
		assertThat(partial).allSatisfy((text) -> assertThat(ANSWER).startsWith(text));
		assertThat(partial).isSortedAccordingTo(Comparator.comparingInt(String::length));
		assertThat(this.stub.lastRequest(ChatController.CHAT_MODEL)
			.json()
			.get("messages")
			.get(1)
			.get("content")
			.stringValue()).isEqualTo("Does streaming work?");

		Files.createDirectories(SCREENSHOT.getParent());
		Files.write(SCREENSHOT, ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
	}

	private void summariseAndClassify() {
		browser.findElement(By.id("summarize")).click();
		await().atMost(PAGE_TIMEOUT)
			.until(() -> browser.findElement(By.id("summary")).getText(),
					(text) -> oneLine(text).equals(oneLine(this.stub.exampleText("summarization"))));
		WebElement url = browser.findElement(By.id("image-url"));
		url.clear();
		// an image of the application itself: the browser stays on loopback
		url.sendKeys("http://127.0.0.1:" + this.port + "/sample-image.svg");
		browser.findElement(By.id("classify")).click();
		await().atMost(PAGE_TIMEOUT).until(() -> browser.findElements(By.cssSelector("#labels li")).size() == 5);
		assertThat(browser.findElement(By.cssSelector("#labels li .name")).getText()).isEqualTo("beagle");
		assertThat(browser.findElement(By.cssSelector("#labels li .score")).getText()).isEqualTo("54.0%");
		assertThat(this.stub.lastRequest(ChatController.IMAGE_MODEL).json().get("url").stringValue())
			.endsWith("/sample-image.svg");
	}

	/** The ASCII start of a text as the stub cuts it into chunks. */
	private static List<String> chunks(String text) {
		String ascii = text.substring(0, text.indexOf('ü'));
		List<String> chunks = new ArrayList<>();
		for (int i = 0; i < ascii.length(); i += CHUNK_BYTES) {
			chunks.add(ascii.substring(i, Math.min(i + CHUNK_BYTES, ascii.length())));
		}
		return chunks;
	}

	private static String badge() {
		return browser.findElement(By.id("backend")).getText();
	}

	private static String answerText() {
		// textContent, not getText(): the exact characters, line breaks and spaces
		// included
		Object text = ((JavascriptExecutor) browser)
			.executeScript("const answers = document.querySelectorAll('.message.assistant');"
					+ "return answers.length ? answers[answers.length - 1].textContent : '';");
		return (String) text;
	}

	private static String answerState() {
		return (String) ((JavascriptExecutor) browser)
			.executeScript("const answers = document.querySelectorAll('.message.assistant');"
					+ "return answers.length ? answers[answers.length - 1].dataset.state : null;");
	}

	/**
	 * The text as the summary's paragraph shows it: without {@code white-space: pre-wrap}
	 * a line break is shown as a space, and the browser trims the ends.
	 */
	private static String oneLine(String text) {
		return text.replaceAll("\\s+", " ").strip();
	}

}
