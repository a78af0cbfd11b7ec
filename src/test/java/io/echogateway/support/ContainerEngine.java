package io.echogateway.support;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The podman or docker command line, run as a child process with a time limit.
 */
public final class ContainerEngine {

	private final String command;

	private ContainerEngine(String command) {
		this.command = command;
	}

	/**
	 * Find a working container engine: podman first, then docker.
	 * @return the engine, if one is on the path and answers {@code info}
	 */
	public static Optional<ContainerEngine> find() {
		return Stream.of("podman", "docker")
			.filter(ContainerEngine::onPath)
			.map(ContainerEngine::new)
			.filter((engine) -> engine.tryRun(Duration.ofSeconds(30), "info").exitCode() == 0)
			.findFirst();
	}

	public boolean isPodman() {
		return this.command.equals("podman");
	}

	/**
	 * Run one engine command and fail unless it exits 0.
	 * @param timeout how long it may take
	 * @param arguments the arguments after the engine's name
	 * @return what it printed, standard error included
	 */
	public String run(Duration timeout, String... arguments) {
		Result result = tryRun(timeout, arguments);
		if (result.exitCode() != 0) {
			throw new AssertionError(this.command + " " + String.join(" ", arguments) + " exited "
					+ result.exitCode() + ":\n" + result.output());
		}
		return result.output().strip();
	}

	/**
	 * Run one engine command.
	 * @param timeout how long it may take
	 * @param arguments the arguments after the engine's name
	 * @return its exit code and what it printed
	 */
	public Result tryRun(Duration timeout, String... arguments) {
		List<String> line = new ArrayList<>(List.of(this.command));
		line.addAll(List.of(arguments));
		try {
			File output = File.createTempFile("container-engine", ".log");
			output.deleteOnExit();
			Process process = new ProcessBuilder(line).redirectErrorStream(true).redirectOutput(output).start();
			if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
				process.destroyForcibly();
				throw new AssertionError(String.join(" ", line) + " did not finish within " + timeout);
			}
			return new Result(process.exitValue(),
					Files.readString(output.toPath(), StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			return new Result(-1, ex.getMessage());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError("Interrupted while running " + line, ex);
		}
	}

	private static boolean onPath(String command) {
		return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
			.anyMatch((directory) -> new File(directory, command).canExecute());
	}

	/**
	 * What an engine command did.
	 *
	 * @param exitCode its exit code, -1 if it could not start
	 * @param output what it printed
	 */
	public record Result(int exitCode, String output) {

	}

}
