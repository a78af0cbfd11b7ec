package io.echogateway.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One echo server under test in its own JVM, with its port read from its log and its memory read through jcmd.
 */
final class ServerProcess implements AutoCloseable {

	private static final Pattern HEAP_USED = Pattern.compile("used (\\d+)K");

	private static final Pattern NMT_TOTAL = Pattern.compile("Total: reserved=\\d+KB, committed=(\\d+)KB");

	private static final Pattern NMT_HEAP = Pattern.compile("Java Heap \\(reserved=\\d+KB, committed=(\\d+)KB\\)");

	private final Process process;

	private final CompletableFuture<Integer> port = new CompletableFuture<>();

	private final long startedNanos;

	private ServerProcess(Process process, Pattern listening, long startedNanos) {
		this.process = process;
		this.startedNanos = startedNanos;
		Thread.ofPlatform().daemon().start(() -> readLog(listening));
	}

	/**
	 * Start a server JVM with the benchmark's JVM options.
	 * @param command the main class or {@code -jar} and its arguments
	 * @param listening the log line that carries the port as its first group
	 * @return the process, not yet listening
	 * @throws IOException if it cannot be started
	 */
	static ServerProcess start(List<String> command, Pattern listening) throws IOException {
		List<String> line = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElseThrow(),
				"-Xms256m", "-Xmx1g", "-XX:NativeMemoryTracking=summary"));
		line.addAll(command);
		long started = System.nanoTime();
		Process process = new ProcessBuilder(line).directory(Files.createTempDirectory("bench").toFile())
			.redirectErrorStream(true)
			.start();
		return new ServerProcess(process, listening, started);
	}

	int awaitPort(Duration timeout) throws Exception {
		return this.port.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
	}

	long startedNanos() {
		return this.startedNanos;
	}

	/**
	 * Return the heap in use after a full collection plus the native memory the JVM has committed besides the heap.
	 * @return the bytes
	 */
	long memoryAfterGc() {
		jcmd("GC.run");
		long heapUsed = kilobytes(HEAP_USED, jcmd("GC.heap_info"));
		String nmt = jcmd("VM.native_memory", "summary");
		return (heapUsed + kilobytes(NMT_TOTAL, nmt) - kilobytes(NMT_HEAP, nmt)) * 1024;
	}

	void terminate() {
		this.process.toHandle().destroy();
	}

	boolean awaitExit(Duration timeout) throws InterruptedException {
		return this.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
	}

	private String jcmd(String... command) {
		List<String> line = new ArrayList<>(List.of(
				Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(), Long.toString(this.process.pid())));
		line.addAll(List.of(command));
		try {
			Process jcmd = new ProcessBuilder(line).redirectErrorStream(true).start();
			String output = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			jcmd.waitFor(30, TimeUnit.SECONDS);
			return output;
		}
		catch (IOException ex) {
			throw new IllegalStateException("jcmd failed", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while running jcmd", ex);
		}
	}

	private static long kilobytes(Pattern pattern, String text) {
		Matcher matcher = pattern.matcher(text);
		if (!matcher.find()) {
			throw new IllegalStateException("No " + pattern + " in:\n" + text);
		}
		return Long.parseLong(matcher.group(1));
	}

	private void readLog(Pattern listening) {
		try (BufferedReader reader = new BufferedReader(
				new InputStreamReader(this.process.getInputStream(), StandardCharsets.UTF_8))) {
			String line;
			StringBuilder log = new StringBuilder();
			while ((line = reader.readLine()) != null) {
				if (!this.port.isDone()) {
					log.append(line).append('\n');
				}
				Matcher matcher = listening.matcher(line);
				if (matcher.find()) {
					this.port.complete(Integer.parseInt(matcher.group(1)));
				}
				if (line.contains(" ERROR ") || line.contains("Exception")) {
					System.err.println("server: " + line);
				}
			}
			this.port.completeExceptionally(new IllegalStateException("The server exited before it listened:\n" + log));
		}
		catch (IOException ex) {
			this.port.completeExceptionally(ex);
		}
	}

	/**
	 * Return the CPU time the server's JVM has used so far, all threads, user and system, as the kernel counts it.
	 * @return the CPU time
	 */
	public Duration cpuTime() {
		return this.process.toHandle()
			.info()
			.totalCpuDuration()
			.orElseThrow(() -> new IllegalStateException("This system does not report a process's CPU time"));
	}

	@Override
	public void close() {
		this.process.destroyForcibly();
	}

}
