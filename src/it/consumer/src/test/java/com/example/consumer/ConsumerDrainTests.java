package com.example.consumer;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.echogateway.drain.Drain;
import io.echogateway.drain.DrainResult;
import io.echogateway.drain.tracking.ConnectionRegistry;
import io.echogateway.drain.tracking.TrackedServer;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.ClassUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The consumer gets the drain from the dependency alone, and nothing of the echo service.
 */
class ConsumerDrainTests {

	@Test
	void aRequestInFlightAtShutdownIsAnsweredBeforeItsConnectionCloses() throws Exception {
		ConfigurableApplicationContext context = SpringApplication.run(ConsumerApplication.class,
				"--spring.main.web-application-type=none", "--tcp-drain.limits.max-connections=7");
		TrackedServer server = context.getBean(ConnectionRegistry.class).servers().iterator().next();
		assertThat(server.limits().maxConnections()).isEqualTo(7);
		Drain drain = context.getBean(Drain.class);
		try (Socket socket = new Socket("127.0.0.1", server.port())) {
			socket.setSoTimeout(10_000);
			OutputStream out = socket.getOutputStream();
			BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
			out.write("wait\r\n".getBytes(StandardCharsets.UTF_8));
			out.flush();
			await().atMost(Duration.ofSeconds(10)).until(() -> server.requestsInFlight() == 1);
			CompletableFuture<Void> shutdown = CompletableFuture.runAsync(context::close);
			await().atMost(Duration.ofSeconds(10)).until(() -> !server.isListening());
			ConsumerApplication.release.countDown();
			assertThat(in.readLine()).isEqualTo("hello wait");
			assertThat(in.read()).isEqualTo(-1);
			shutdown.get(10, TimeUnit.SECONDS);
		}
		assertThat(drain.lastReport().result()).isEqualTo(DrainResult.DRAINED);
		assertThat(drain.lastReport().closedAfterReply()).isEqualTo(1);
	}

	@Test
	void theDependencyBringsNeitherTheEchoServiceNorItsSecurityWebOrSettings() {
		ClassLoader loader = getClass().getClassLoader();
		assertThat(ClassUtils.isPresent("io.echogateway.EchoGatewayApplication", loader)).isFalse();
		assertThat(ClassUtils.isPresent("org.springframework.security.core.Authentication", loader)).isFalse();
		assertThat(ClassUtils.isPresent("org.springframework.web.servlet.DispatcherServlet", loader)).isFalse();
		assertThat(ClassUtils.isPresent("org.springframework.boot.actuate.endpoint.annotation.Endpoint", loader))
			.isFalse();
		assertThat(loader.getResource("application.yml")).isNull();
	}

	@Test
	void theClassPathDescribesTheComponentsSettingsForCompletionAndNoneOfTheEchoService() throws Exception {
		List<String> metadata = new ArrayList<>();
		for (URL resource : Collections.list(getClass().getClassLoader()
			.getResources("META-INF/spring-configuration-metadata.json"))) {
			try (InputStream json = resource.openStream()) {
				metadata.add(new String(json.readAllBytes(), StandardCharsets.UTF_8));
			}
		}
		assertThat(metadata).anySatisfy((json) -> assertThat(json).contains("\"tcp-drain.timeout\"",
				"\"tcp-drain.limits.max-connections\"", "\"tcp-drain.servers\""));
		assertThat(metadata).noneSatisfy((json) -> assertThat(json).contains("echo-gateway."));
	}

}
