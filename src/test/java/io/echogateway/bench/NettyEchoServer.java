package io.echogateway.bench;

import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.LineBasedFrameDecoder;

/**
 * The benchmark's baseline: a plain Netty echo server for LF lines, as a team would write it by hand.
 */
public final class NettyEchoServer {

	private static final int MAX_LINE = 64 * 1024;

	private static final int BACKLOG = 1024;

	private NettyEchoServer() {
	}

	/**
	 * Serve echo on a port until SIGTERM, then close the listener and every connection.
	 * @param args the port; 0 picks a free one
	 * @throws InterruptedException if interrupted while serving
	 */
	public static void main(String[] args) throws InterruptedException {
		EventLoopGroup boss = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
		EventLoopGroup workers = new MultiThreadIoEventLoopGroup(NioIoHandler.newFactory());
		EchoHandler echo = new EchoHandler();
		// One step per line: accept, split at \n, write each line back with its \n.
		Channel listener = new ServerBootstrap().group(boss, workers)
			.channel(NioServerSocketChannel.class)
			.option(ChannelOption.SO_BACKLOG, BACKLOG)
			.childOption(ChannelOption.TCP_NODELAY, true)
			.childHandler(new ChannelInitializer<SocketChannel>() {
				@Override
				protected void initChannel(SocketChannel channel) {
					channel.pipeline().addLast(new LineBasedFrameDecoder(MAX_LINE, false, true), echo);
				}
			})
			.bind(Integer.parseInt(args[0]))
			.sync()
			.channel();
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			listener.close().syncUninterruptibly();
			boss.shutdownGracefully(0, 0, TimeUnit.SECONDS).syncUninterruptibly();
			workers.shutdownGracefully(0, 0, TimeUnit.SECONDS).syncUninterruptibly();
		}));
		System.out.println("Netty echo is listening on port "
				+ ((InetSocketAddress) listener.localAddress()).getPort() + ".");
		listener.closeFuture().sync();
	}

	/**
	 * Writes each line back as it came, delimiter included.
	 */
	@Sharable
	private static final class EchoHandler extends SimpleChannelInboundHandler<ByteBuf> {

		@Override
		protected void channelRead0(ChannelHandlerContext context, ByteBuf line) {
			context.write(line.retain());
		}

		@Override
		public void channelReadComplete(ChannelHandlerContext context) {
			context.flush();
		}

		@Override
		public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
			context.close();
		}

	}

}
