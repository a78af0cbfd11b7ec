package io.echogateway.drain.state;

import java.io.IOException;
import java.io.InputStream;

import io.echogateway.drain.connection.RejectedFrame;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.ApplicationEventPublisherAware;
import org.springframework.core.serializer.Deserializer;

/**
 * One connection's view of the server's deserializer: each frame is read through the connection's {@link FrameGate}
 * and recorded as in flight once read, whatever the deserializer and its payload type.
 */
public final class GatedDeserializer implements Deserializer<Object>, ApplicationEventPublisherAware {

	/**
	 * The most bytes read from a socket at a time: enough for many small frames, and on a blocking socket few calls for
	 * a deserializer that reads byte by byte.
	 */
	static final int READ_BUFFER_SIZE = 4096;

	private final Deserializer<?> delegate;

	private final ConnectionState state;

	private final boolean bufferInput;

	private @Nullable FrameGate gate;

	/**
	 * Read a connection's frames with the application's deserializer, each through the connection's gate.
	 */
	public GatedDeserializer(Deserializer<?> delegate, ConnectionState state, boolean bufferInput) {
		this.delegate = delegate;
		this.state = state;
		this.bufferInput = bufferInput;
	}

	@Override
	public Object deserialize(InputStream inputStream) throws IOException {
		FrameGate frames = gateFor(inputStream);
		frames.startFrame();
		Object payload = this.delegate.deserialize(frames);
		this.state.frameRead((payload instanceof RejectedFrame) ? 0 : Payloads.size(payload));
		return payload;
	}

	@Override
	public void setApplicationEventPublisher(ApplicationEventPublisher publisher) {
		if (this.delegate instanceof ApplicationEventPublisherAware aware) {
			aware.setApplicationEventPublisher(publisher);
		}
	}

	private FrameGate gateFor(InputStream inputStream) {
		FrameGate frames = this.gate;
		if (frames == null || !frames.reads(inputStream)) {
			frames = new FrameGate(inputStream, this.state, this.bufferInput);
			this.gate = frames;
		}
		return frames;
	}

}
