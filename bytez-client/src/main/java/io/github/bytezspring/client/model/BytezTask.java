package io.github.bytezspring.client.model;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The tasks Bytez runs models for, with their wire names, an example model of each, the
 * shape of their output and whether they stream text or produce media.
 */
public enum BytezTask {

	/**
	 * Classify a sound: {@code url} or {@code base64} in, {@link BytezOutput#LABELS} out.
	 */
	AUDIO_CLASSIFICATION("audio-classification", "aaraki/wav2vec2-base-finetuned-ks", BytezOutput.LABELS, Kind.OTHER),

	/**
	 * Chat about audio: {@code messages} with audio blocks in,
	 * {@link BytezOutput#CHAT_MESSAGE} out.
	 */
	AUDIO_TEXT_TO_TEXT("audio-text-to-text", "Qwen/Qwen2-Audio-7B-Instruct", BytezOutput.CHAT_MESSAGE,
			Kind.STREAMS_TEXT),

	/**
	 * Transcribe speech: {@code url} or {@code base64} in, {@link BytezOutput#TEXT} out.
	 */
	AUTOMATIC_SPEECH_RECOGNITION("automatic-speech-recognition", "facebook/data2vec-audio-base-960h", BytezOutput.TEXT,
			Kind.OTHER),

	/** Chat: {@code messages} in, {@link BytezOutput#CHAT_MESSAGE} out. */
	CHAT("chat", "Qwen/Qwen3-4B", BytezOutput.CHAT_MESSAGE, Kind.STREAMS_TEXT),

	/** Estimate the depth of each pixel: an image in, {@link BytezOutput#DEPTH} out. */
	DEPTH_ESTIMATION("depth-estimation", "vinvino02/glpn-nyu", BytezOutput.DEPTH, Kind.OTHER),

	/**
	 * Answer a question about a document image: {@code question} and an image in,
	 * {@link BytezOutput#ANSWERS} out.
	 */
	DOCUMENT_QUESTION_ANSWERING("document-question-answering", "cloudqi/CQI_Visual_Question_Awnser_PT_v0",
			BytezOutput.ANSWERS, Kind.OTHER),

	/** Embed a text: {@code text} in, {@link BytezOutput#EMBEDDING} out. */
	FEATURE_EXTRACTION("feature-extraction", "nomic-ai/nomic-embed-text-v1.5", BytezOutput.EMBEDDING, Kind.OTHER),

	/** Fill in a masked token: {@code text} in, {@link BytezOutput#MASK_FILLS} out. */
	FILL_MASK("fill-mask", "almanach/camembert-base", BytezOutput.MASK_FILLS, Kind.OTHER),

	/**
	 * Classify an image: {@code url} or {@code base64} in, {@link BytezOutput#LABELS}
	 * out.
	 */
	IMAGE_CLASSIFICATION("image-classification", "google/vit-base-patch16-224", BytezOutput.LABELS, Kind.OTHER),

	/**
	 * Embed an image: {@code url} or {@code base64} in, {@link BytezOutput#EMBEDDINGS}
	 * out.
	 */
	IMAGE_FEATURE_EXTRACTION("image-feature-extraction", "nomic-ai/nomic-embed-vision-v1", BytezOutput.EMBEDDINGS,
			Kind.OTHER),

	/**
	 * Segment an image: {@code url} or {@code base64} in, {@link BytezOutput#SEGMENTS}
	 * out.
	 */
	IMAGE_SEGMENTATION("image-segmentation", "sayeed99/segformer-b3-fashion", BytezOutput.SEGMENTS, Kind.OTHER),

	/**
	 * Chat about images: {@code messages} with image blocks in,
	 * {@link BytezOutput#CHAT_MESSAGE} out.
	 */
	IMAGE_TEXT_TO_TEXT("image-text-to-text", "google/gemma-3-4b-it", BytezOutput.CHAT_MESSAGE, Kind.STREAMS_TEXT),

	/**
	 * Caption an image: {@code url} or {@code base64} in, {@link BytezOutput#TEXT} out.
	 */
	IMAGE_TO_TEXT("image-to-text", "Salesforce/blip-image-captioning-base", BytezOutput.TEXT, Kind.OTHER),

	/**
	 * Find every mask in an image: {@code url} or {@code base64} in,
	 * {@link BytezOutput#MASKS} out.
	 */
	MASK_GENERATION("mask-generation", "facebook/sam-vit-base", BytezOutput.MASKS, Kind.OTHER),

	/**
	 * Find objects in an image: {@code url} or {@code base64} in,
	 * {@link BytezOutput#DETECTED_OBJECTS} out.
	 */
	OBJECT_DETECTION("object-detection", "facebook/detr-resnet-50", BytezOutput.DETECTED_OBJECTS, Kind.OTHER),

	/**
	 * Answer a question from a text: {@code question} and {@code context} in,
	 * {@link BytezOutput#ANSWER} out.
	 */
	QUESTION_ANSWERING("question-answering", "deepset/roberta-base-squad2", BytezOutput.ANSWER, Kind.OTHER),

	/**
	 * Embed a sentence for similarity search: {@code text} in,
	 * {@link BytezOutput#EMBEDDING} out.
	 */
	SENTENCE_SIMILARITY("sentence-similarity", "sentence-transformers/all-MiniLM-L6-v2", BytezOutput.EMBEDDING,
			Kind.OTHER),

	/** Summarise a text: {@code text} in, {@link BytezOutput#TEXT} out. */
	SUMMARIZATION("summarization", "ainize/bart-base-cnn", BytezOutput.TEXT, Kind.STREAMS_TEXT),

	/** Classify a text: {@code text} in, {@link BytezOutput#LABELS} out. */
	TEXT_CLASSIFICATION("text-classification", "AdamCodd/distilbert-base-uncased-finetuned-sentiment-amazon",
			BytezOutput.LABELS, Kind.OTHER),

	/** Continue a text: {@code text} in, {@link BytezOutput#TEXT} out. */
	TEXT_GENERATION("text-generation", "openai-community/gpt2", BytezOutput.TEXT, Kind.STREAMS_TEXT),

	/** Generate sound or music: {@code text} in, {@link BytezOutput#MEDIA_URL} out. */
	TEXT_TO_AUDIO("text-to-audio", "facebook/musicgen-stereo-small", BytezOutput.MEDIA_URL, Kind.PRODUCES_MEDIA),

	/** Generate an image: {@code text} in, {@link BytezOutput#MEDIA_URL} out. */
	TEXT_TO_IMAGE("text-to-image", "dreamlike-art/dreamlike-photoreal-2.0", BytezOutput.MEDIA_URL, Kind.PRODUCES_MEDIA),

	/** Speak a text: {@code text} in, {@link BytezOutput#MEDIA_URL} out. */
	TEXT_TO_SPEECH("text-to-speech", "suno/bark-small", BytezOutput.MEDIA_URL, Kind.PRODUCES_MEDIA),

	/** Generate a video: {@code text} in, {@link BytezOutput#MEDIA_URL} out. */
	TEXT_TO_VIDEO("text-to-video", "ali-vilab/text-to-video-ms-1.7b", BytezOutput.MEDIA_URL, Kind.PRODUCES_MEDIA),

	/** Turn a text into another text: {@code text} in, {@link BytezOutput#TEXT} out. */
	TEXT2TEXT_GENERATION("text2text-generation", "google/flan-t5-base", BytezOutput.TEXT, Kind.STREAMS_TEXT),

	/**
	 * Classify each token (named-entity recognition): {@code text} in,
	 * {@link BytezOutput#ENTITIES} out.
	 */
	TOKEN_CLASSIFICATION("token-classification", "dslim/bert-base-NER", BytezOutput.ENTITIES, Kind.OTHER),

	/** Translate a text: {@code text} in, {@link BytezOutput#TEXT} out. */
	TRANSLATION("translation", "Helsinki-NLP/opus-mt-en-zh", BytezOutput.TEXT, Kind.STREAMS_TEXT),

	/** Generate an image from nothing: no input, {@link BytezOutput#MEDIA_URL} out. */
	UNCONDITIONAL_IMAGE_GENERATION("unconditional-image-generation", "afshr/cam_finetune", BytezOutput.MEDIA_URL,
			Kind.PRODUCES_MEDIA),

	/**
	 * Classify a video: {@code url} or {@code base64} in, {@link BytezOutput#LABELS} out.
	 */
	VIDEO_CLASSIFICATION("video-classification", "ahmedabdo/video-classifier", BytezOutput.LABELS, Kind.OTHER),

	/**
	 * Chat about a video: {@code messages} with video blocks in,
	 * {@link BytezOutput#CHAT_MESSAGE} out.
	 */
	VIDEO_TEXT_TO_TEXT("video-text-to-text", "llava-hf/LLaVA-NeXT-Video-7B-hf", BytezOutput.CHAT_MESSAGE,
			Kind.STREAMS_TEXT),

	/**
	 * Answer a question about an image: {@code question} and an image in,
	 * {@link BytezOutput#ANSWERS} out.
	 */
	VISUAL_QUESTION_ANSWERING("visual-question-answering", "Salesforce/blip-vqa-base", BytezOutput.ANSWERS, Kind.OTHER),

	/**
	 * Classify a text into labels of yours: {@code text} and {@code candidate_labels} in,
	 * {@link BytezOutput#ZERO_SHOT} out.
	 */
	ZERO_SHOT_CLASSIFICATION("zero-shot-classification", "facebook/bart-large-mnli", BytezOutput.ZERO_SHOT, Kind.OTHER),

	/**
	 * Classify an image into labels of yours: an image and {@code candidate_labels} in,
	 * {@link BytezOutput#LABELS} out.
	 */
	ZERO_SHOT_IMAGE_CLASSIFICATION("zero-shot-image-classification", "BilelDJ/clip-hugging-face-finetuned",
			BytezOutput.LABELS, Kind.OTHER),

	/**
	 * Find objects of your classes: an image and {@code candidate_labels} in,
	 * {@link BytezOutput#DETECTED_OBJECTS} out.
	 */
	ZERO_SHOT_OBJECT_DETECTION("zero-shot-object-detection", "google/owlv2-base-patch16-finetuned",
			BytezOutput.DETECTED_OBJECTS, Kind.OTHER);

	private final String wireName;

	private final String exampleModel;

	private final BytezOutput<?> output;

	private final Kind kind;

	BytezTask(String wireName, String exampleModel, BytezOutput<?> output, Kind kind) {
		this.wireName = wireName;
		this.exampleModel = exampleModel;
		this.output = output;
		this.kind = kind;
	}

	/**
	 * The task's name in the Bytez API, e.g. {@code text-generation}, as
	 * {@code listModels(task)} takes it.
	 * @return the wire name
	 */
	public String wireName() {
		return this.wireName;
	}

	/**
	 * The model Bytez's documentation of this task uses as its example, e.g.
	 * {@code openai-community/gpt2}.
	 * @return the model id
	 */
	public String exampleModel() {
		return this.exampleModel;
	}

	/**
	 * The shape of this task's output: {@code response.outputAs(task.output())} reads it.
	 * @return the output shape
	 */
	public BytezOutput<?> output() {
		return this.output;
	}

	/**
	 * Whether the task produces text that can be streamed ({@code stream: true}, see
	 * {@link io.github.bytezspring.client.BytezOperations#stream(String, BytezInput)}).
	 * @return {@code true} for text generation, summarisation, translation and the chat
	 * tasks
	 */
	public boolean streamsText() {
		return this.kind == Kind.STREAMS_TEXT;
	}

	/**
	 * Whether the task generates a media file (image, audio, video): its output is the
	 * file's URL, and the file's bytes can be streamed instead.
	 * @return {@code true} for the text-to-image, -speech, -audio, -video and
	 * unconditional image tasks
	 */
	public boolean producesMedia() {
		return this.kind == Kind.PRODUCES_MEDIA;
	}

	/**
	 * The task with a wire name.
	 * @param wireName the name in the Bytez API, e.g. {@code text-generation}
	 * @return the task
	 * @throws IllegalArgumentException when no task has that name
	 */
	public static BytezTask fromWireName(String wireName) {
		for (BytezTask task : values()) {
			if (task.wireName.equals(wireName)) {
				return task;
			}
		}
		throw new IllegalArgumentException("unknown Bytez task '" + wireName + "'; the tasks are "
				+ Arrays.stream(values()).map(BytezTask::wireName).collect(Collectors.joining(", ")));
	}

	private enum Kind {

		STREAMS_TEXT, PRODUCES_MEDIA, OTHER

	}

}
