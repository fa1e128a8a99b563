package io.github.bytezspring.client.internal;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import reactor.netty.NettyPipeline;
import reactor.netty.http.client.HttpClient;

import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;

/**
 * Makes a Reactor Netty client skip interim (1xx) answers, as RFC 9110 §15.2 asks of
 * every client, so that the final answer after a {@code 103 Early Hints} reaches the
 * reader: Reactor Netty hands the first answer over whatever its status. Hand-written
 * because neither Reactor Netty nor Netty offers it; needs Reactor Netty, which only the
 * connectors that use it load.
 */
public final class InterimAnswers {

	private static final String HANDLER_NAME = "bytez.interimAnswers";

	private InterimAnswers() {
	}

	/**
	 * Spring's default Reactor Netty connector (compressing), skipping interim answers.
	 * @return the connector
	 */
	public static ClientHttpConnector connector() {
		return new ReactorClientHttpConnector(skipping(HttpClient.create().compress(true)));
	}

	/**
	 * The client, configured to drop every 1xx answer but
	 * {@code 101 Switching Protocols}.
	 * @param client a Reactor Netty client
	 * @return the client that skips interim answers
	 */
	public static HttpClient skipping(HttpClient client) {
		return client.doOnChannelInit((observer, channel, address) -> {
			ChannelPipeline pipeline = channel.pipeline();
			if (pipeline.get(NettyPipeline.HttpCodec) != null && pipeline.get(HANDLER_NAME) == null) {
				pipeline.addAfter(NettyPipeline.HttpCodec, HANDLER_NAME, new Filter());
			}
		});
	}

	/**
	 * Drops an interim answer's head and its (always empty) content, passing everything
	 * else on.
	 */
	static final class Filter extends ChannelInboundHandlerAdapter {

		private boolean skipping;

		@Override
		public void channelRead(ChannelHandlerContext context, Object message) {
			if (message instanceof HttpResponse response && isInterim(response.status().code())) {
				this.skipping = !(message instanceof LastHttpContent);
				ReferenceCountUtil.release(message);
				return;
			}
			if (this.skipping && message instanceof HttpContent) {
				this.skipping = !(message instanceof LastHttpContent);
				ReferenceCountUtil.release(message);
				return;
			}
			context.fireChannelRead(message);
		}

		private static boolean isInterim(int status) {
			return status >= 100 && status < 200 && status != 101;
		}

	}

}
